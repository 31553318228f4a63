package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.client.RouterOsConnection;
import java.util.concurrent.atomic.AtomicBoolean;

/** A share of one pooled connection, for one command. Release once; later calls do nothing. */
public final class Lease {

  private final ConnectionPool pool;
  private final PooledConnection entry;
  private final AtomicBoolean released = new AtomicBoolean();

  Lease(ConnectionPool pool, PooledConnection entry) {
    this.pool = pool;
    this.entry = entry;
  }

  public RouterOsConnection connection() {
    return entry.connection;
  }

  public void release() {
    if (released.compareAndSet(false, true)) {
      pool.release(entry);
    }
  }
}
