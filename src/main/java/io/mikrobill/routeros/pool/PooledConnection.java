package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.client.RouterOsConnection;

/** One pooled connection and how many commands it carries now. Guarded by the pool's lock. */
final class PooledConnection {
  final RouterOsConnection connection;
  int inFlight;
  long lastUsedNanos;

  PooledConnection(RouterOsConnection connection, long now) {
    this.connection = connection;
    this.lastUsedNanos = now;
  }
}
