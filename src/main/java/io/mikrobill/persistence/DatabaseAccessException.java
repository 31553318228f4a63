package io.mikrobill.persistence;

/** A statement failed for a reason the caller cannot fix by changing its input. */
public final class DatabaseAccessException extends PersistenceException {

  public DatabaseAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
