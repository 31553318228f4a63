package io.mikrobill.routeros;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The loss of one connection. When a connection is lost, every command pipelined on it fails,
 * and so does every command sent to it afterwards; all their errors carry this one loss, so
 * whoever counts faults (the router's circuit breaker) counts the loss once, not once per
 * command that happened to be on the wire.
 */
public final class ConnectionLoss {

  private final String connection;
  private final AtomicBoolean counted = new AtomicBoolean();

  public ConnectionLoss(String connection) {
    this.connection = connection;
  }

  /** The lost connection's id, {@code router=NAME conn=N}. */
  public String connection() {
    return connection;
  }

  /** True for the first caller only, who counts the loss; later callers see it counted already. */
  public boolean countOnce() {
    return counted.compareAndSet(false, true);
  }

  @Override
  public String toString() {
    return "loss of " + connection;
  }
}
