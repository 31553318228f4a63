package io.mikrobill.persistence;

/**
 * Root of every error raised by the persistence layer. Unchecked; subclasses say what went wrong
 * and messages carry the state needed to act on it, never a password.
 */
public class PersistenceException extends RuntimeException {

  public PersistenceException(String message) {
    super(message);
  }

  public PersistenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
