package io.mikrobill.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/** The few JDBC moves every DAO here makes: borrow, run in a transaction, map failures. */
final class Jdbc {

  /** SQLState for a unique or primary-key violation, the same on H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";

  /** Work on one connection; may throw SQLException, which the caller maps. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  /** Runs {@code work} with auto-commit on; each statement commits on its own. */
  static <T> T withConnection(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs {@code work} in one transaction: commits if it returns, rolls back if it throws. */
  static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  static void rollbackQuietly(Connection connection, Exception reason) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      reason.addSuppressed(rollbackFailure);
    }
  }

  /** True when {@code e}, its causes or its chained exceptions report a unique violation. */
  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static DatabaseAccessException failure(String what, SQLException e) {
    return new DatabaseAccessException(
        what + " failed: sqlState=" + e.getSQLState() + " " + e.getMessage(), e);
  }

  /** Now, to the microsecond: PostgreSQL keeps no finer, so reads equal writes on both. */
  static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}
