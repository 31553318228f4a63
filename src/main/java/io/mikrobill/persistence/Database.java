package io.mikrobill.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database: a HikariCP pool over H2 or PostgreSQL plus the Flyway schema
 * migrations. {@link #open} proves the database answers before returning; {@link #migrate} brings
 * the schema up to date and must run before the DAOs are used.
 */
public final class Database implements AutoCloseable {

  /** Classpath folder holding {@code V<n>__<description>.sql}. */
  public static final String MIGRATION_LOCATION = "db/migration";

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DatabaseSettings settings;
  private final ConnectionPool pool;

  private Database(DatabaseSettings settings, ConnectionPool pool) {
    this.settings = settings;
    this.pool = pool;
  }

  /**
   * Opens the pool and borrows one connection to prove the database is reachable.
   *
   * @throws DatabaseAccessException if no connection can be opened (URL and user in the message,
   *     never the password)
   */
  public static Database open(DatabaseSettings settings) {
    ConnectionPool pool = null;
    try {
      pool = ConnectionPool.start(settings);
      try (Connection probe = pool.getConnection()) {
        LOG.info(
            "database opened kind={} url={} username={} poolSize={} product={}",
            settings.kind(),
            PostgresUrl.redact(settings.jdbcUrl()),
            settings.username(),
            settings.poolSize(),
            probe.getMetaData().getDatabaseProductVersion());
      }
      return new Database(settings, pool);
    } catch (SQLException | RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw new DatabaseAccessException(
          "cannot connect to "
              + PostgresUrl.redact(settings.jdbcUrl())
              + " as username="
              + settings.username()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Applies pending migrations from {@link #MIGRATION_LOCATION}; returns the versions applied. */
  public List<Integer> migrate() {
    return migrate(Database.class.getClassLoader(), MIGRATION_LOCATION);
  }

  /** Applies pending migrations found under {@code location} on {@code loader}'s classpath. */
  List<Integer> migrate(ClassLoader loader, String location) {
    return new SchemaMigrations(pool, settings.kind()).migrate(loader, location);
  }

  /** The pooled data source; bind it in the Camel registry for camel-sql or camel-jdbc. */
  public DataSource dataSource() {
    return pool;
  }

  public DatabaseKind kind() {
    return settings.kind();
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /** Open, active, idle and waiting counts, as shown in pool timeout errors. */
  public String poolState() {
    return pool.state();
  }

  /**
   * Closes the pool. HikariCP aborts connections still borrowed, so the users of the data source
   * are stopped first (the application closes in reverse order of opening).
   */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + settings + "]";
  }
}
