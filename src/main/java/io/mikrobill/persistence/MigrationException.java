package io.mikrobill.persistence;

/**
 * A schema migration could not be applied, or the applied history no longer matches the scripts
 * shipped with this build (a changed checksum). The application must not start on such a schema.
 */
public final class MigrationException extends PersistenceException {

  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
