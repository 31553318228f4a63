package io.mikrobill.routeros.client;

import io.mikrobill.routeros.protocol.SentenceDecoder;
import io.mikrobill.routeros.protocol.WordCharset;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Immutable settings of one router connection. Build with {@link #builder()}. */
public final class ClientOptions {

  public static final int DEFAULT_PORT = 8728;
  public static final int DEFAULT_TLS_PORT = 8729;
  public static final String DEFAULT_USERNAME = "admin";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final boolean tls;
  private final boolean tlsTrustAll;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final WordCharset charset;
  private final int maxWordSize;

  private ClientOptions(Builder b) {
    this.name = b.name;
    this.host = b.host;
    this.port = b.port > 0 ? b.port : (b.tls ? DEFAULT_TLS_PORT : DEFAULT_PORT);
    this.username = b.username;
    this.password = b.password;
    this.tls = b.tls;
    this.tlsTrustAll = b.tlsTrustAll;
    this.connectTimeout = b.connectTimeout;
    this.commandTimeout = b.commandTimeout;
    this.charset = new WordCharset(b.charset, b.fallbackCharset);
    this.maxWordSize = b.maxWordSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .host(host)
        .port(port)
        .username(username)
        .password(password)
        .tls(tls)
        .tlsTrustAll(tlsTrustAll)
        .connectTimeout(connectTimeout)
        .commandTimeout(commandTimeout)
        .charset(charset.primary())
        .fallbackCharset(charset.fallback())
        .maxWordSize(maxWordSize);
  }

  /** The router's name in this application, used in logs and errors. */
  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String username() {
    return username;
  }

  /** The password; never log it. */
  public String password() {
    return password;
  }

  public boolean tls() {
    return tls;
  }

  public boolean tlsTrustAll() {
    return tlsTrustAll;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  public WordCharset charset() {
    return charset;
  }

  public int maxWordSize() {
    return maxWordSize;
  }

  @Override
  public String toString() {
    return "router=" + name + " host=" + host + " port=" + port + " user=" + username
        + " tls=" + tls + " charset=" + charset;
  }

  /** Builder with validation: a bad value is refused, naming it, never replaced by a default. */
  public static final class Builder {
    private String name = "default";
    private String host = "127.0.0.1";
    private int port;
    private String username = DEFAULT_USERNAME;
    private String password = "";
    private boolean tls;
    private boolean tlsTrustAll;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Charset charset = StandardCharsets.UTF_8;
    private Charset fallbackCharset = WordCharset.DEFAULT_FALLBACK;
    private int maxWordSize = SentenceDecoder.DEFAULT_MAX_WORD_SIZE;

    private Builder() {}

    public Builder name(String name) {
      this.name = requireText(name, "name");
      return this;
    }

    public Builder host(String host) {
      this.host = requireText(host, "host");
      return this;
    }

    /** The API port; 0 picks 8728, or 8729 with TLS. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    public Builder username(String username) {
      this.username = requireText(username, "username");
      return this;
    }

    public Builder password(String password) {
      this.password = password == null ? "" : password;
      return this;
    }

    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Accept any certificate the router shows. Routers often have self-signed certificates; this
     * trades protection against an active attacker on the path for working out of the box.
     */
    public Builder tlsTrustAll(boolean trustAll) {
      this.tlsTrustAll = trustAll;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connectTimeout");
      return this;
    }

    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = requirePositive(timeout, "commandTimeout");
      return this;
    }

    public Builder charset(Charset charset) {
      this.charset = Objects.requireNonNull(charset, "charset");
      return this;
    }

    public Builder fallbackCharset(Charset charset) {
      this.fallbackCharset = Objects.requireNonNull(charset, "fallbackCharset");
      return this;
    }

    public Builder maxWordSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxWordSize must be at least 1024 bytes, was " + bytes);
      }
      this.maxWordSize = bytes;
      return this;
    }

    public ClientOptions build() {
      return new ClientOptions(this);
    }

    private static String requireText(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank, was '" + value + "'");
      }
      return value;
    }

    private static Duration requirePositive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
