package io.mikrobill.persistence;

import io.mikrobill.security.SecretBox;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database: a HikariCP pool over H2 or PostgreSQL plus the Flyway schema
 * migrations. {@link #open} proves the database answers before returning; {@link #migrate} brings
 * the schema up to date and must run before the DAOs are used.
 *
 * <p>It also holds the {@link SecretBox} that seals the secrets the DAOs keep (voucher codes,
 * stored replies): its key is checked against the one the database's secrets were sealed with at
 * every {@link #migrate}. The embedded H2 database is held by one process ({@link H2Folder}).
 */
public final class Database implements AutoCloseable {

  /** Classpath folder holding {@code V<n>__<description>.sql}. */
  public static final String MIGRATION_LOCATION = "db/migration";

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** H2: "Database is already closed". */
  private static final int H2_DATABASE_CLOSED = 90121;

  private final DatabaseSettings settings;
  private final ConnectionPool pool;
  private final SecretBox secrets;
  private final H2Folder folder;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Database(DatabaseSettings settings, ConnectionPool pool, SecretBox secrets, H2Folder folder) {
    this.settings = settings;
    this.pool = pool;
    this.secrets = secrets;
    this.folder = folder;
  }

  /**
   * Opens the pool and borrows one connection to prove the database is reachable.
   *
   * @throws DatabaseAccessException if no connection can be opened (URL and user in the message,
   *     never the password)
   * @throws DatabaseInUseException if another process holds the embedded database's folder
   * @throws io.mikrobill.security.InvalidSecretKeyException if the key file holds no valid key
   */
  public static Database open(DatabaseSettings settings) {
    ConnectionPool pool = null;
    H2Folder folder = null;
    try {
      if (settings.kind() == DatabaseKind.H2) {
        folder = H2Folder.hold(settings.dataDir());
        settings = folder.settle(settings);
      }
      SecretBox secrets = SecretBox.load(settings.secretKey(), settings.dataDir());
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
      if (folder != null) {
        folder.tidy();
      }
      return new Database(settings, pool, secrets, folder);
    } catch (SQLException | RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (folder != null) {
        folder.release();
      }
      if (e instanceof PersistenceException || e instanceof IllegalArgumentException) {
        throw (RuntimeException) e;
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

  /**
   * Applies pending migrations from {@link #MIGRATION_LOCATION} (with V4, which seals the secrets
   * an earlier version kept in clear) and checks the secret key against the database's; returns
   * the versions applied.
   *
   * @throws SecretKeyMismatchException if the database's secrets were sealed with another key
   */
  public List<Integer> migrate() {
    V4__Seal_secrets_at_rest sealing = new V4__Seal_secrets_at_rest(secrets);
    List<Integer> applied =
        new SchemaMigrations(pool, settings.kind()).migrate(Database.class.getClassLoader(), MIGRATION_LOCATION, sealing);
    SecretKeyCheck.verify(pool, secrets);
    if (settings.kind() == DatabaseKind.H2 && sealing.valuesSealed() > 0) {
      compact();
    }
    return applied;
  }

  /** Applies pending migrations found under {@code location} on {@code loader}'s classpath. */
  List<Integer> migrate(ClassLoader loader, String location) {
    return new SchemaMigrations(pool, settings.kind()).migrate(loader, location);
  }

  /**
   * H2 writes changes to new places in its file and leaves the old ones behind until they are
   * reused: after the secrets of an earlier version were sealed, their clear text would stay
   * readable in the file's free space. SHUTDOWN COMPACT rewrites the file; it closes the database
   * for every connection, so the pool's are replaced.
   */
  private void compact() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("shutdown compact");
    } catch (SQLException e) {
      // the statement's own connection is among those it closes, and may say so
      if (e.getErrorCode() != H2_DATABASE_CLOSED) {
        throw Jdbc.failure("compact the database after sealing its secrets", e);
      }
    }
    pool.getHikariPoolMXBean().softEvictConnections();
    LOG.info("database={} compacted: the clear text of the secrets sealed by migration V4 is gone from its file",
        settings.dataDir());
    folder.tidy();
  }

  /** Seals and opens the secrets the DAOs keep, and gives their lookup digests. */
  public SecretBox secrets() {
    return secrets;
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
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pool.close();
    if (folder != null) {
      folder.release();
    }
  }

  @Override
  public String toString() {
    return "Database[" + settings + "]";
  }
}
