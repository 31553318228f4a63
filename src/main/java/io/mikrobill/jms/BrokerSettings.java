package io.mikrobill.jms;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import io.mikrobill.config.SettingsReader;
import java.util.function.Function;

/**
 * Immutable settings of the message broker behind the pipeline's JMS source, read from
 * environment-like variables (names beside each accessor).
 *
 * <p>With {@code BROKER_URL} set the pipeline talks to an external broker and nothing is embedded;
 * otherwise an embedded broker listens on {@code BROKER_BIND:BROKER_PORT}. The embedded broker
 * always authenticates, loopback included: MikroBill's own connection logs in as
 * {@code BROKER_USERNAME} (default {@value #DEFAULT_USERNAME}) with {@code BROKER_PASSWORD}, or,
 * when that is unset, with a random password kept in {@code BROKER_PASSWORD_FILE} (see
 * {@link BrokerIdentity}); everyone else logs in as a MikroBill principal.
 */
public final class BrokerSettings {

  public static final String ENV_URL = "BROKER_URL";
  public static final String ENV_BIND = "BROKER_BIND";
  public static final String ENV_PORT = "BROKER_PORT";
  public static final String ENV_USERNAME = "BROKER_USERNAME";
  public static final String ENV_PASSWORD = "BROKER_PASSWORD";
  public static final String ENV_PASSWORD_FILE = "BROKER_PASSWORD_FILE";
  public static final String ENV_DATA_DIR = "BROKER_DATA_DIR";
  public static final String ENV_MAX_REDELIVERIES = "JMS_MAX_REDELIVERIES";
  public static final String ENV_REDELIVERY_DELAY = "JMS_REDELIVERY_DELAY";
  public static final String ENV_QUEUE = "BILLING_QUEUE";

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 61616;
  public static final Path DEFAULT_DATA_DIR = Path.of("data", "artemis");
  public static final String DEFAULT_USERNAME = "mikrobill";
  public static final Path DEFAULT_PASSWORD_FILE = Path.of("data", "broker-password");
  public static final int DEFAULT_MAX_REDELIVERIES = 5;
  public static final Duration DEFAULT_REDELIVERY_DELAY = Duration.ofMillis(1000);
  public static final String DEFAULT_QUEUE = "billing.requests";
  /** Appended to the queue name to name its dead-letter queue. */
  public static final String DEAD_LETTER_SUFFIX = ".DLQ";

  private final String url;
  private final String bind;
  private final int port;
  private final String username;
  private final String password;
  private final Path passwordFile;
  private final Path dataDir;
  private final int maxRedeliveries;
  private final Duration redeliveryDelay;
  private final String queue;

  private BrokerSettings(Builder b) {
    this.url = b.url;
    this.bind = b.bind;
    this.port = b.port;
    this.username = b.username;
    this.password = b.password;
    this.passwordFile = b.passwordFile;
    this.dataDir = b.dataDir;
    this.maxRedeliveries = b.maxRedeliveries;
    this.redeliveryDelay = b.redeliveryDelay;
    this.queue = b.queue;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static BrokerSettings defaults() {
    return builder().build();
  }

  /**
   * Reads the variables through {@code lookup} (e.g. {@code System::getenv}); unset or blank ones
   * take their defaults. Refuses unparsable numbers and unsafe combinations.
   */
  public static BrokerSettings from(Function<String, String> lookup) {
    SettingsReader r = new SettingsReader(lookup);
    Builder b = builder();
    try {
      r.text(ENV_URL).ifPresent(b::url);
      r.text(ENV_BIND).ifPresent(b::bind);
      r.text(ENV_PORT).ifPresent(v -> b.port(r.integer(ENV_PORT, 0)));
      r.text(ENV_USERNAME).ifPresent(b::username);
      r.text(ENV_PASSWORD).ifPresent(b::password);
      r.text(ENV_PASSWORD_FILE).ifPresent(v -> b.passwordFile(Path.of(v)));
      r.text(ENV_DATA_DIR).ifPresent(v -> b.dataDir(Path.of(v)));
      r.text(ENV_MAX_REDELIVERIES).ifPresent(v -> b.maxRedeliveries(r.integer(ENV_MAX_REDELIVERIES, 0)));
      r.text(ENV_REDELIVERY_DELAY).ifPresent(v -> b.redeliveryDelay(Duration.ofMillis(r.integer(ENV_REDELIVERY_DELAY, 0))));
      r.text(ENV_QUEUE).ifPresent(b::queue);
    } catch (SettingsReader.InvalidSettingException e) {
      throw new BrokerSettingsException(e.getMessage(), e);
    }
    return b.build();
  }

  /** {@code BROKER_URL}: an external broker; when present nothing is embedded. */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  /** True when no {@code BROKER_URL} is given and the broker runs inside this process. */
  public boolean embedded() {
    return url == null;
  }

  /** {@code BROKER_BIND}: the address the embedded broker listens on. */
  public String bind() {
    return bind;
  }

  /** {@code BROKER_PORT}: 0 picks a free port (see {@code EmbeddedBroker.port()}). */
  public int port() {
    return port;
  }

  /** {@code BROKER_USERNAME}, if set: MikroBill's own login (default {@value #DEFAULT_USERNAME} on the embedded broker). */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** {@code BROKER_PASSWORD}, if set: MikroBill's own password. Never logged. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /**
   * {@code BROKER_PASSWORD_FILE}: where the embedded broker's generated password for MikroBill's
   * own login is kept (mode 0600) when {@code BROKER_PASSWORD} is unset.
   */
  public Path passwordFile() {
    return passwordFile;
  }

  /** {@code BROKER_DATA_DIR}: journal, bindings, paging and large messages live under it. */
  public Path dataDir() {
    return dataDir;
  }

  /** {@code JMS_MAX_REDELIVERIES}: redeliveries after the first delivery before the DLQ. */
  public int maxRedeliveries() {
    return maxRedeliveries;
  }

  /**
   * The broker's {@code max-delivery-attempts}: a backstop ten times the route's own limit. The
   * route decides what happens to a message (dead-lettered with its reason, or queued again while
   * its router is down) once it has been delivered {@code JMS_MAX_REDELIVERIES} + 1 times; the
   * broker dead-letters only a message that no consumer ever settles (one that crashes the
   * process, say). Deliveries also count when a paused consumer hands back the messages it held,
   * which is why the backstop is far above the route's limit.
   */
  public int maxDeliveryAttempts() {
    return (maxRedeliveries + 1) * 10;
  }

  /** {@code JMS_REDELIVERY_DELAY} (milliseconds): wait before a rolled-back message comes back. */
  public Duration redeliveryDelay() {
    return redeliveryDelay;
  }

  /** {@code BILLING_QUEUE}: the anycast queue billing requests arrive on. */
  public String queue() {
    return queue;
  }

  /** The queue's dead-letter queue: its name with {@value #DEAD_LETTER_SUFFIX}. */
  public String deadLetterQueue() {
    return queue + DEAD_LETTER_SUFFIX;
  }

  @Override
  public String toString() {
    return embedded()
        ? "embedded bind=" + bind + " port=" + port + " dataDir=" + dataDir + " queue=" + queue
            + " username=" + username().orElse(DEFAULT_USERNAME) + " password="
            + (password != null ? "set" : "file:" + passwordFile) + " maxRedeliveries=" + maxRedeliveries
            + " redeliveryDelayMs=" + redeliveryDelay.toMillis()
        : "external url=" + url + " queue=" + queue + " username=" + username().orElse("(none)");
  }

  /** Collects values; {@link #build()} refuses bad ones, naming the variable and the value. */
  public static final class Builder {
    private String url;
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private String username;
    private String password;
    private Path passwordFile = DEFAULT_PASSWORD_FILE;
    private Path dataDir = DEFAULT_DATA_DIR;
    private int maxRedeliveries = DEFAULT_MAX_REDELIVERIES;
    private Duration redeliveryDelay = DEFAULT_REDELIVERY_DELAY;
    private String queue = DEFAULT_QUEUE;

    private Builder() {}

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder bind(String bind) {
      this.bind = bind;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder credentials(String username, String password) {
      return username(username).password(password);
    }

    public Builder passwordFile(Path passwordFile) {
      this.passwordFile = passwordFile;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder maxRedeliveries(int maxRedeliveries) {
      this.maxRedeliveries = maxRedeliveries;
      return this;
    }

    public Builder redeliveryDelay(Duration redeliveryDelay) {
      this.redeliveryDelay = redeliveryDelay;
      return this;
    }

    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    public BrokerSettings build() {
      if (url != null && url.isBlank()) {
        throw new BrokerSettingsException(ENV_URL + "=\"" + url + "\" refused: blank; leave it unset to embed a broker");
      }
      if (bind == null || bind.isBlank()) {
        throw new BrokerSettingsException(ENV_BIND + "=\"" + bind + "\" refused: give an address such as " + DEFAULT_BIND);
      }
      if (port < 0 || port > 65_535) {
        throw new BrokerSettingsException(ENV_PORT + "=" + port + " refused: must be 0..65535 (0 picks a free port)");
      }
      if (dataDir == null) {
        throw new BrokerSettingsException(ENV_DATA_DIR + " refused: null");
      }
      if (passwordFile == null) {
        throw new BrokerSettingsException(ENV_PASSWORD_FILE + " refused: null");
      }
      if (maxRedeliveries < 0) {
        throw new BrokerSettingsException(ENV_MAX_REDELIVERIES + "=" + maxRedeliveries + " refused: must be 0 or more");
      }
      if (redeliveryDelay == null || redeliveryDelay.isNegative()) {
        throw new BrokerSettingsException(ENV_REDELIVERY_DELAY + "=" + (redeliveryDelay == null ? null : redeliveryDelay.toMillis())
            + " refused: must be 0 ms or more");
      }
      if (queue == null || queue.isBlank() || queue.chars().anyMatch(Character::isWhitespace)) {
        throw new BrokerSettingsException(ENV_QUEUE + "=\"" + queue + "\" refused: a queue name without spaces is needed");
      }
      checkCredentials();
      return new BrokerSettings(this);
    }

    /**
     * Blank credentials count as unset. On the embedded broker either may be given alone (the
     * username defaults to {@value #DEFAULT_USERNAME}, the password to the generated one); an
     * external broker knows nothing of those defaults, so there it is both or neither.
     */
    private void checkCredentials() {
      if (username != null && username.isBlank()) {
        username = null;
      }
      if (password != null && password.isEmpty()) {
        password = null;
      }
      if (url != null && (username == null) != (password == null)) {
        boolean hasUser = username != null;
        throw new BrokerSettingsException((hasUser ? ENV_USERNAME : ENV_PASSWORD) + " is set but "
            + (hasUser ? ENV_PASSWORD : ENV_USERNAME) + " is not; an external broker (" + ENV_URL + ") needs both or neither");
      }
    }
  }
}
