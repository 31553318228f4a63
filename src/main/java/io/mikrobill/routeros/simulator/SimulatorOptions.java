package io.mikrobill.routeros.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of one simulated router. Build with {@link #builder()}; every setter
 * refuses a bad value at once, naming it. Port 0 binds a free port; -1 disables a listener.
 */
public final class SimulatorOptions {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8728;
  public static final int DEFAULT_API_SSL_PORT = 8729;
  public static final String DEFAULT_USER = "admin";
  public static final String DEFAULT_PASSWORD = "";
  public static final RouterOsVersion DEFAULT_VERSION = RouterOsVersion.V7_19;
  public static final int DEFAULT_CPU_CORES = 2;
  public static final int DEFAULT_MAX_SESSIONS = 20;
  public static final Duration DEFAULT_LIFE_TICK = Duration.ofSeconds(1);
  public static final long DEFAULT_LIFE_SEED = 42;
  public static final String DEFAULT_IDENTITY = "MikroTik";

  private final String bind;
  private final int port;
  private final int apiSslPort;
  private final String user;
  private final String password;
  private final RouterOsVersion version;
  private final int seedUsers;
  private final java.nio.file.Path stateFile;
  private final Duration latency;
  private final Duration rtt;
  private final boolean serialPerConnection;
  private final int cpuCores;
  private final int maxSessions;
  private final FaultSpec faults;
  private final int controlPort;
  private final Clock clock;
  private final Duration lifeTick;
  private final long lifeSeed;
  private final String identity;

  private SimulatorOptions(Builder b) {
    bind = b.bind;
    port = b.port;
    apiSslPort = b.apiSslPort;
    user = b.user;
    password = b.password;
    version = b.version;
    seedUsers = b.seedUsers;
    stateFile = b.stateFile;
    latency = b.latency;
    rtt = b.rtt;
    serialPerConnection = b.serialPerConnection;
    cpuCores = b.cpuCores;
    maxSessions = b.maxSessions;
    faults = b.faults;
    controlPort = b.controlPort;
    clock = b.clock;
    lifeTick = b.lifeTick;
    lifeSeed = b.lifeSeed;
    identity = b.identity;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings for tests: free ports on loopback, no API-SSL, no automatic life ticks. */
  public static Builder forTests() {
    return builder().port(0).apiSslPort(-1).lifeTick(Duration.ZERO);
  }

  public String bind() { return bind; }
  public int port() { return port; }
  public int apiSslPort() { return apiSslPort; }
  public String user() { return user; }
  /** The API password; never log it. */
  public String password() { return password; }
  public RouterOsVersion version() { return version; }
  public int seedUsers() { return seedUsers; }

  /** Where the configuration is kept across restarts of the process; null keeps nothing. */
  public java.nio.file.Path stateFile() { return stateFile; }
  public Duration latency() { return latency; }
  public Duration rtt() { return rtt; }
  public boolean serialPerConnection() { return serialPerConnection; }
  public int cpuCores() { return cpuCores; }
  public int maxSessions() { return maxSessions; }
  public FaultSpec faults() { return faults; }
  public int controlPort() { return controlPort; }
  public Clock clock() { return clock; }
  public Duration lifeTick() { return lifeTick; }
  public long lifeSeed() { return lifeSeed; }
  public String identity() { return identity; }

  @Override
  public String toString() {
    return "bind=" + bind + " port=" + port + " api-ssl-port=" + apiSslPort + " version=" + version.label()
        + " user=" + user + " seed-users=" + seedUsers + " latency-ms=" + latency.toMillis()
        + " rtt-ms=" + rtt.toMillis() + " serial=" + serialPerConnection + " cpu-cores=" + cpuCores
        + " max-sessions=" + maxSessions + " faults=" + faults;
  }

  /** Builder with validation: a bad value is refused, naming it, never replaced by a default. */
  public static final class Builder {
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private int apiSslPort = DEFAULT_API_SSL_PORT;
    private String user = DEFAULT_USER;
    private String password = DEFAULT_PASSWORD;
    private RouterOsVersion version = DEFAULT_VERSION;
    private int seedUsers;
    private java.nio.file.Path stateFile;
    private Duration latency = Duration.ZERO;
    private Duration rtt = Duration.ZERO;
    private boolean serialPerConnection;
    private int cpuCores = DEFAULT_CPU_CORES;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private FaultSpec faults = FaultSpec.NONE;
    private int controlPort = -1;
    private Clock clock = Clock.systemUTC();
    private Duration lifeTick = DEFAULT_LIFE_TICK;
    private long lifeSeed = DEFAULT_LIFE_SEED;
    private String identity = DEFAULT_IDENTITY;

    private Builder() {}

    public Builder bind(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("bind must not be blank, was '" + address + "'");
      }
      this.bind = address;
      return this;
    }

    /** The API port; 0 binds a free port. */
    public Builder port(int port) {
      this.port = checkPort("port", port, false);
      return this;
    }

    /** The API-SSL port; 0 binds a free port, -1 disables API-SSL. */
    public Builder apiSslPort(int port) {
      this.apiSslPort = checkPort("api-ssl-port", port, true);
      return this;
    }

    /** The control port (line protocol on the bind address); 0 binds a free port, -1 disables it. */
    public Builder controlPort(int port) {
      this.controlPort = checkPort("control-port", port, true);
      return this;
    }

    public Builder user(String user) {
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException("user must not be blank, was '" + user + "'");
      }
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    public Builder version(RouterOsVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Keeps the configuration (users, secrets, profiles, servers, services, with their ids) in
     * this file: loaded at start when it exists (then no users are seeded), written on every change.
     */
    public Builder stateFile(java.nio.file.Path file) {
      this.stateFile = file;
      return this;
    }

    public Builder seedUsers(int n) {
      if (n < 0 || n > 1_000_000) {
        throw new IllegalArgumentException("seed-users must be 0 to 1000000, was " + n);
      }
      this.seedUsers = n;
      return this;
    }

    /** The router's service time per command. */
    public Builder latency(Duration latency) {
      this.latency = nonNegative("latency", latency);
      return this;
    }

    /** The network round trip added to every reply. */
    public Builder rtt(Duration rtt) {
      this.rtt = nonNegative("rtt", rtt);
      return this;
    }

    public Builder serialPerConnection(boolean serial) {
      this.serialPerConnection = serial;
      return this;
    }

    public Builder cpuCores(int cores) {
      if (cores < 1 || cores > 256) {
        throw new IllegalArgumentException("cpu-cores must be 1 to 256, was " + cores);
      }
      this.cpuCores = cores;
      return this;
    }

    public Builder maxSessions(int max) {
      if (max < 1 || max > 1000) {
        throw new IllegalArgumentException("max-sessions must be 1 to 1000 (as on RouterOS), was " + max);
      }
      this.maxSessions = max;
      return this;
    }

    public Builder faults(FaultSpec faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often sessions live on their own; zero leaves time to {@link RouterOsSimulator#tick}. */
    public Builder lifeTick(Duration tick) {
      this.lifeTick = nonNegative("life-tick", tick);
      return this;
    }

    public Builder lifeSeed(long seed) {
      this.lifeSeed = seed;
      return this;
    }

    public Builder identity(String identity) {
      if (identity == null || identity.isEmpty()) {
        throw new IllegalArgumentException("identity must not be empty");
      }
      this.identity = identity;
      return this;
    }

    public SimulatorOptions build() {
      return new SimulatorOptions(this);
    }

    private static int checkPort(String what, int port, boolean mayDisable) {
      if (port > 65535 || port < (mayDisable ? -1 : 0)) {
        throw new IllegalArgumentException(
            what + " must be " + (mayDisable ? "-1 (off), " : "") + "0 (free) or 1 to 65535, was " + port);
      }
      return port;
    }

    private static Duration nonNegative(String what, Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
