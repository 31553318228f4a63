package io.mikrobill.persistence;

/**
 * No connection became free within the pool's timeout. The message shows the pool's state; the
 * cause is the pool's own timeout error, and its cause the last failure to open a connection, if
 * any.
 */
public final class PoolTimeoutException extends PersistenceException {

  public PoolTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
