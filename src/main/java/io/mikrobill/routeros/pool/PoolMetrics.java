package io.mikrobill.routeros.pool;

/** What the pool reports; every method does nothing unless an adapter (Micrometer) overrides it. */
public interface PoolMetrics {

  PoolMetrics NONE = new PoolMetrics() {};

  default void connectionOpened() {}

  default void connectionClosed() {}

  default void connectFailed() {}

  default void acquired(long waitNanos) {}

  default void acquireTimedOut() {}
}
