package io.mikrobill.routeros.pool;

/**
 * What the pools report, as HikariCP's metrics tracker: every method does nothing unless an
 * adapter ({@code MicrometerPoolMetrics}) overrides it. One instance serves the pools of every
 * router, so each call names its router. Calls come from I/O threads, some under a pool's lock:
 * an implementation must be quick and never block.
 */
public interface PoolMetrics {

  PoolMetrics NONE = new PoolMetrics() {};

  /** A connection was opened and logged in. */
  default void connectionOpened(String router) {}

  /** A pooled connection closed, for any reason. */
  default void connectionClosed(String router) {}

  /** Connecting or logging in failed. */
  default void connectFailed(String router) {}

  /** A caller got a share of a connection after waiting {@code waitNanos} (0 when one had room). */
  default void acquired(String router, long waitNanos) {}

  /** A caller got no connection within the acquire timeout, or found the waiting queue full. */
  default void acquireTimedOut(String router) {}

  /** A caller was refused at once: no connection is up and the last connect attempt failed. */
  default void acquireFailedFast(String router) {}
}
