package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.protocol.Command;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's periodic task ({@code HEALTH_CHECK_INTERVAL}): closes connections idle longer than
 * {@code IDLE_TIMEOUT} while more than the minimum are open, sends a cheap read on the other idle
 * ones and closes those that do not answer (a connection can die without the socket noticing), and
 * tops the pool up to its minimum. It catches everything: a run that throws must not end the
 * schedule, or the pool would silently stop repairing itself.
 */
final class HouseKeeper implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(HouseKeeper.class);
  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final ConnectionPool pool;

  HouseKeeper(ConnectionPool pool) {
    this.pool = pool;
  }

  @Override
  public void run() {
    try {
      ConnectionBag.Sweep sweep = pool.sweep();
      for (PooledConnection e : sweep.expired()) {
        LOG.info("{} closing idle connection", e.connection.id());
        e.connection.close();
      }
      for (PooledConnection e : sweep.idle()) {
        e.connection.execute(Command.of("/system/identity/print"), HEALTH_CHECK_TIMEOUT).whenComplete((r, err) -> {
          if (err != null) {
            LOG.warn("{} health check failed error=\"{}\"; closing", e.connection.id(), err.getMessage());
            e.connection.close();
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.warn("router={} housekeeper error=\"{}\"", pool.router(), e.toString());
    }
  }
}
