package io.mikrobill.persistence;

/** A database setting was refused; the message names the setting and the offending value. */
public final class InvalidDatabaseSettingException extends PersistenceException {

  public InvalidDatabaseSettingException(String message) {
    super(message);
  }
}
