package io.mikrobill.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database: a bounded connection pool over H2 or PostgreSQL plus the Flyway
 * schema migrations. {@link #open} proves the database answers before returning; {@link #migrate} brings
 * the schema up to date and must run before the DAOs are used.
 */
public final class Database implements AutoCloseable {

  /** Classpath folder holding {@code V<n>__<description>.sql}. */
  public static final String MIGRATION_LOCATION = "db/migration";

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DatabaseSettings settings;
  private final BoundedConnectionPool pool;
  private final BoundedConnectionPool.ConnectionFactory physical;

  private Database(DatabaseSettings settings) {
    this.settings = settings;
    this.physical = () -> openPhysical(settings);
    this.pool =
        new BoundedConnectionPool(
            PostgresUrl.redact(settings.jdbcUrl()),
            physical,
            settings.poolSize(),
            settings.poolTimeout());
  }

  /**
   * Opens the pool and borrows one connection to prove the database is reachable.
   *
   * @throws DatabaseAccessException if no connection can be opened (URL and user in the message,
   *     never the password)
   */
  public static Database open(DatabaseSettings settings) {
    Database database = new Database(settings);
    try (Connection probe = database.pool.getConnection()) {
      LOG.info(
          "database opened kind={} url={} username={} poolSize={} product={}",
          settings.kind(),
          PostgresUrl.redact(settings.jdbcUrl()),
          settings.username(),
          settings.poolSize(),
          probe.getMetaData().getDatabaseProductVersion());
    } catch (SQLException | RuntimeException e) {
      database.close();
      throw new DatabaseAccessException(
          "cannot connect to "
              + PostgresUrl.redact(settings.jdbcUrl())
              + " as username="
              + settings.username()
              + ": "
              + e.getMessage(),
          e);
    }
    return database;
  }

  private static Connection openPhysical(DatabaseSettings settings) throws SQLException {
    Properties properties = new Properties();
    if (settings.username() != null) {
      properties.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    if (settings.kind() == DatabaseKind.POSTGRESQL) {
      properties.setProperty("ApplicationName", "mikrobill");
    }
    return DriverManager.getConnection(settings.jdbcUrl(), properties);
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

  /** Closes idle connections now and borrowed ones as they come back. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + settings + "]";
  }
}
