package io.mikrobill.routeros.pool;

/** Hears when a router becomes reachable or unreachable through its pool. */
public interface PoolListener {

  PoolListener NONE = new PoolListener() {};

  /** The first connection is up after none was. */
  default void available(String router) {}

  /** The last connection went down, or connecting failed with none up. */
  default void unavailable(String router, Throwable cause) {}
}
