package io.mikrobill.persistence;

/**
 * The embedded database's files are held by another process: one line that says which and what to
 * do, instead of the driver's stack trace.
 */
public final class DatabaseInUseException extends PersistenceException {

  public DatabaseInUseException(String message) {
    super(message);
  }

  public DatabaseInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
