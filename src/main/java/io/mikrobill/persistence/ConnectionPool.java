package io.mikrobill.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * HikariCP, configured from {@link DatabaseSettings}, that reports a wait for a free connection
 * running out as the project's {@link PoolTimeoutException}, with the pool's counts in the
 * message. Callers (DAOs, camel-sql) see it as a plain {@code DataSource}.
 *
 * <p>HikariCP already does what the pool must guarantee: work left uncommitted on a connection
 * handed back is rolled back and auto-commit restored before the next borrower gets it, and a
 * connection that has sat idle is checked before it is lent.
 */
final class ConnectionPool extends HikariDataSource {

  /**
   * HikariCP ignores a connection timeout below 250 ms and waits its default 30 s instead; a
   * shorter setting is raised to this floor so it still means "fail fast".
   */
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(250);

  /** How long a connection is checked before it is lent; never longer than the wait itself. */
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(5);

  private final String name;

  private ConnectionPool(HikariConfig config, String name) {
    super(config);
    this.name = name;
  }

  /**
   * Starts the pool and opens its first connection, so a wrong URL or password fails here.
   *
   * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException if it cannot connect
   */
  static ConnectionPool start(DatabaseSettings settings) {
    long timeoutMillis = Math.max(MIN_TIMEOUT.toMillis(), settings.poolTimeout().toMillis());
    HikariConfig config = new HikariConfig();
    config.setPoolName("mikrobill-db");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    // Connections are opened as work needs them (as the hand-written pool did) and idle ones
    // above one are closed again: an H2 file or a shared PostgreSQL is not held at full size
    // by an instance that is mostly idle.
    config.setMinimumIdle(1);
    config.setConnectionTimeout(timeoutMillis);
    config.setValidationTimeout(Math.min(VALIDATION_TIMEOUT.toMillis(), timeoutMillis));
    if (settings.kind() == DatabaseKind.POSTGRESQL) {
      // shows up in pg_stat_activity, so a DBA can tell whose sessions these are
      config.addDataSourceProperty("ApplicationName", "mikrobill");
    }
    return new ConnectionPool(config, PostgresUrl.redact(settings.jdbcUrl()));
  }

  /**
   * Borrows a connection.
   *
   * @throws PoolTimeoutException if none became free within the timeout; its cause is HikariCP's
   *     own error, whose cause is the last failure to open a connection, if any
   */
  @Override
  public Connection getConnection() throws SQLException {
    try {
      return super.getConnection();
    } catch (SQLTransientConnectionException e) {
      // HikariCP throws this type only when the wait for a connection ran out; when the
      // database is down that is also how a borrower learns it, so say why none could be opened
      Throwable lastFailure = e.getCause();
      throw new PoolTimeoutException(
          "no connection free within "
              + Duration.ofMillis(getConnectionTimeout())
              + ": "
              + state()
              + (lastFailure == null
                  ? ""
                  : "; last failure to open a connection: " + lastFailure.getMessage()),
          e);
    }
  }

  /** The pool's state as shown in errors: open, active, idle, waiting and the bound. */
  String state() {
    HikariPoolMXBean pool = getHikariPoolMXBean();
    if (pool == null) {
      return "pool=" + name + " max=" + getMaximumPoolSize() + " closed=" + isClosed();
    }
    return "pool="
        + name
        + " open="
        + pool.getTotalConnections()
        + " active="
        + pool.getActiveConnections()
        + " idle="
        + pool.getIdleConnections()
        + " waiting="
        + pool.getThreadsAwaitingConnection()
        + " max="
        + getMaximumPoolSize()
        + " closed="
        + isClosed();
  }

  @Override
  public String toString() {
    return state();
  }
}
