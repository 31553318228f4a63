package io.mikrobill.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps two instances from migrating at once. The lock lives in an open transaction on a
 * connection of its own, so it is released when that transaction ends or the connection dies (a
 * crashed instance never leaves a stale lock behind).
 *
 * <p>PostgreSQL takes a transaction-scoped advisory lock. H2 has none, and its DDL commits the
 * current transaction, so the lock cannot share a connection with the migrations: H2 locks a row
 * of {@code schema_lock} with {@code SELECT ... FOR UPDATE} on this separate connection.
 */
final class MigrationLock implements AutoCloseable {

  /** Advisory lock key: "MkBl" as an int, a fixed number private to MikroBill migrations. */
  static final long ADVISORY_KEY = 0x4D6B426CL;

  /** How long an instance waits for another one's migrations before refusing to start. */
  static final int LOCK_WAIT_MILLIS = 120_000;

  private final Connection connection;

  private MigrationLock(Connection connection) {
    this.connection = connection;
  }

  /** Blocks until the lock is held; takes ownership of {@code connection}. */
  static MigrationLock acquire(Connection connection, DatabaseKind kind) {
    try {
      if (kind == DatabaseKind.H2) {
        prepareH2LockRow(connection);
      }
      connection.setAutoCommit(false);
      if (kind == DatabaseKind.POSTGRESQL) {
        try (Statement wait = connection.createStatement()) {
          // a session setting: this connection is used for the lock only and closed after
          wait.execute("set lock_timeout = " + LOCK_WAIT_MILLIS);
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
          lock.setLong(1, ADVISORY_KEY);
          lock.executeQuery().close();
        }
      } else {
        try (Statement lock = connection.createStatement();
            ResultSet row = lock.executeQuery("select id from schema_lock where id = 1 for update")) {
          row.next();
        }
      }
      return new MigrationLock(connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new MigrationException(
          "cannot take the migration lock on " + kind + ": sqlState=" + e.getSQLState() + " "
              + e.getMessage(),
          e);
    }
  }

  private static void prepareH2LockRow(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("set lock_timeout " + LOCK_WAIT_MILLIS);
      statement.execute("create table if not exists schema_lock(id int primary key)");
      try {
        statement.execute("insert into schema_lock(id) values (1)");
      } catch (SQLException e) {
        if (!Jdbc.isUniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // closing the connection below ends the transaction and the lock anyway
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing else holds this connection
    }
  }
}
