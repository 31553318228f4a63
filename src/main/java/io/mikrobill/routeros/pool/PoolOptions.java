package io.mikrobill.routeros.pool;

import java.time.Duration;

/**
 * Immutable settings of a router's connection pool, with the guide's variables named beside each.
 * One connection already carries many commands (tags); more connections add router-side
 * parallelism, never more than the router's own {@code max-sessions}.
 */
public final class PoolOptions {

  public static final boolean DEFAULT_ENABLED = true;
  public static final int DEFAULT_MIN_CONNECTIONS = 1;
  public static final int DEFAULT_MAX_CONNECTIONS = 5;
  public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 128;
  public static final int DEFAULT_MAX_WAITING = 10_000;
  public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofMillis(250);
  /**
   * Short on purpose: a router that is back waits at most this long to be used again, well inside
   * the breaker's open time, so the breaker's half-open probe finds the pool connected.
   */
  public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(5);

  private final boolean enabled;
  private final int minConnections;
  private final int maxConnections;
  private final int maxInFlightPerConnection;
  private final int maxWaiting;
  private final Duration acquireTimeout;
  private final Duration idleTimeout;
  private final Duration healthCheckInterval;
  private final Duration reconnectInitial;
  private final Duration reconnectMax;
  private final boolean respectMaxSessions;

  private PoolOptions(Builder b) {
    this.enabled = b.enabled;
    this.minConnections = b.enabled ? b.minConnections : Math.min(1, b.minConnections);
    this.maxConnections = b.enabled ? b.maxConnections : 1;
    this.maxInFlightPerConnection = b.maxInFlightPerConnection;
    this.maxWaiting = b.maxWaiting;
    this.acquireTimeout = b.acquireTimeout;
    this.idleTimeout = b.idleTimeout;
    this.healthCheckInterval = b.healthCheckInterval;
    this.reconnectInitial = b.reconnectInitial;
    this.reconnectMax = b.reconnectMax;
    this.respectMaxSessions = b.respectMaxSessions;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static PoolOptions defaults() {
    return builder().build();
  }

  /** {@code ENABLE_CONNECTION_POOLING}: off means one connection per router. */
  public boolean enabled() {
    return enabled;
  }

  /** {@code MIN_CONNECTIONS}: kept open and warm. */
  public int minConnections() {
    return minConnections;
  }

  /** {@code MAX_CONNECTIONS}: never more, and never more than the router's max-sessions. */
  public int maxConnections() {
    return maxConnections;
  }

  /** Commands in flight on one connection before another connection is used or callers wait. */
  public int maxInFlightPerConnection() {
    return maxInFlightPerConnection;
  }

  /** Callers that may wait for a connection; one more is refused at once. */
  public int maxWaiting() {
    return maxWaiting;
  }

  /** {@code ACQUIRE_TIMEOUT}. */
  public Duration acquireTimeout() {
    return acquireTimeout;
  }

  /** {@code IDLE_TIMEOUT}: connections above the minimum unused this long are closed. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** {@code HEALTH_CHECK_INTERVAL}. */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** The delay before retrying after the first failed connect; it doubles with each failure. */
  public Duration reconnectInitial() {
    return reconnectInitial;
  }

  /** The longest delay between connect attempts, jitter included. */
  public Duration reconnectMax() {
    return reconnectMax;
  }

  /** Whether to read the API service's max-sessions from the router and stay under it. */
  public boolean respectMaxSessions() {
    return respectMaxSessions;
  }

  @Override
  public String toString() {
    return "enabled=" + enabled + " min=" + minConnections + " max=" + maxConnections
        + " maxInFlight=" + maxInFlightPerConnection + " acquireTimeout=" + acquireTimeout.toMillis() + "ms";
  }

  /** Refuses bad values, naming them. */
  public static final class Builder {
    private boolean enabled = DEFAULT_ENABLED;
    private int minConnections = DEFAULT_MIN_CONNECTIONS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION;
    private int maxWaiting = DEFAULT_MAX_WAITING;
    private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
    private Duration reconnectInitial = DEFAULT_RECONNECT_INITIAL;
    private Duration reconnectMax = DEFAULT_RECONNECT_MAX;
    private boolean respectMaxSessions = true;

    private Builder() {}

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public Builder minConnections(int n) {
      if (n < 0 || n > 1000) {
        throw new IllegalArgumentException("MIN_CONNECTIONS must be 0 to 1000, was " + n);
      }
      this.minConnections = n;
      return this;
    }

    public Builder maxConnections(int n) {
      if (n < 1 || n > 1000) {
        throw new IllegalArgumentException("MAX_CONNECTIONS must be 1 to 1000 (RouterOS max-sessions range), was " + n);
      }
      this.maxConnections = n;
      return this;
    }

    public Builder maxInFlightPerConnection(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxInFlightPerConnection must be at least 1, was " + n);
      }
      this.maxInFlightPerConnection = n;
      return this;
    }

    public Builder maxWaiting(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxWaiting must not be negative, was " + n);
      }
      this.maxWaiting = n;
      return this;
    }

    public Builder acquireTimeout(Duration d) {
      this.acquireTimeout = positive(d, "ACQUIRE_TIMEOUT");
      return this;
    }

    public Builder idleTimeout(Duration d) {
      this.idleTimeout = positive(d, "IDLE_TIMEOUT");
      return this;
    }

    public Builder healthCheckInterval(Duration d) {
      this.healthCheckInterval = positive(d, "HEALTH_CHECK_INTERVAL");
      return this;
    }

    public Builder reconnectBackoff(Duration initial, Duration max) {
      this.reconnectInitial = positive(initial, "reconnect initial backoff");
      this.reconnectMax = positive(max, "reconnect max backoff");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("reconnect max backoff " + max + " is below the initial " + initial);
      }
      return this;
    }

    public Builder respectMaxSessions(boolean respect) {
      this.respectMaxSessions = respect;
      return this;
    }

    public PoolOptions build() {
      if (enabled && minConnections > maxConnections) {
        throw new IllegalArgumentException(
            "MIN_CONNECTIONS (" + minConnections + ") must not exceed MAX_CONNECTIONS (" + maxConnections + ")");
      }
      return new PoolOptions(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
