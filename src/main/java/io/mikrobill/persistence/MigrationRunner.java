package io.mikrobill.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending migrations in version order, each in its own transaction together with its
 * {@code schema_version} row, while holding the {@link MigrationLock}. Before applying anything it
 * checks the recorded history against the scripts: an edited script (changed checksum), a recorded
 * version this build does not ship, or a new script older than the newest applied one all refuse
 * the start, because the schema would no longer be the one the code was tested against.
 *
 * <p>On H2, DDL commits on its own, so a script that fails half-way may leave its first statements
 * applied without a history row; the error says so. PostgreSQL rolls the whole script back.
 */
final class MigrationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

  private record Applied(int version, String description, String checksum) {}

  private final DataSource dataSource;
  private final BoundedConnectionPool.ConnectionFactory lockConnections;
  private final DatabaseKind kind;
  private final Clock clock;

  MigrationRunner(
      DataSource dataSource,
      BoundedConnectionPool.ConnectionFactory lockConnections,
      DatabaseKind kind,
      Clock clock) {
    this.dataSource = dataSource;
    this.lockConnections = lockConnections;
    this.kind = kind;
    this.clock = clock;
  }

  /** Applies what is pending and returns the versions applied by this call (empty if none). */
  List<Integer> migrate(List<Migration> migrations) {
    Connection lockConnection;
    try {
      lockConnection = lockConnections.open();
    } catch (SQLException e) {
      throw new MigrationException("cannot open a connection for the migration lock", e);
    }
    try (MigrationLock ignored = MigrationLock.acquire(lockConnection, kind);
        Connection connection = dataSource.getConnection()) {
      createHistoryTable(connection);
      TreeMap<Integer, Applied> applied = readHistory(connection);
      List<Migration> pending = pending(migrations, applied);
      List<Integer> done = new ArrayList<>();
      for (Migration migration : pending) {
        apply(connection, migration);
        done.add(migration.version());
      }
      LOG.info(
          "database schema current kind={} version={} appliedNow={}",
          kind,
          latest(migrations),
          done);
      return done;
    } catch (SQLException e) {
      throw new MigrationException(
          "migration failed on " + kind + ": sqlState=" + e.getSQLState() + " " + e.getMessage(),
          e);
    }
  }

  private static void createHistoryTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "create table if not exists schema_version("
              + "version int primary key, "
              + "description varchar(200) not null, "
              + "checksum varchar(64) not null, "
              + "installed_on timestamp with time zone not null)");
    }
  }

  private static TreeMap<Integer, Applied> readHistory(Connection connection)
      throws SQLException {
    TreeMap<Integer, Applied> applied = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select version, description, checksum from schema_version order by version")) {
      while (rs.next()) {
        Applied row = new Applied(rs.getInt(1), rs.getString(2), rs.getString(3));
        applied.put(row.version(), row);
      }
    }
    return applied;
  }

  private static List<Migration> pending(
      List<Migration> migrations, TreeMap<Integer, Applied> applied) {
    Map<Integer, Migration> shipped = new TreeMap<>();
    migrations.forEach(m -> shipped.put(m.version(), m));
    for (Applied row : applied.values()) {
      Migration script = shipped.get(row.version());
      if (script == null) {
        throw new MigrationException(
            "database has migration version "
                + row.version()
                + " ('"
                + row.description()
                + "') that this build does not ship; refusing to start an older build on a newer"
                + " schema");
      }
      if (!script.checksum().equals(row.checksum())) {
        throw new MigrationException(
            "migration V"
                + row.version()
                + " ('"
                + row.description()
                + "') was changed after it was applied: recorded checksum="
                + row.checksum()
                + " script checksum="
                + script.checksum()
                + "; add a new migration instead of editing an applied one");
      }
    }
    int newestApplied = applied.isEmpty() ? 0 : applied.lastKey();
    List<Migration> pending = new ArrayList<>();
    for (Migration migration : shipped.values()) {
      if (applied.containsKey(migration.version())) {
        continue;
      }
      if (migration.version() < newestApplied) {
        throw new MigrationException(
            "migration V"
                + migration.version()
                + " ('"
                + migration.description()
                + "') is older than the newest applied version "
                + newestApplied
                + "; out-of-order migrations are refused");
      }
      pending.add(migration);
    }
    return pending;
  }

  private void apply(Connection connection, Migration migration) throws SQLException {
    long started = System.nanoTime();
    List<String> statements = SqlScript.statements(migration.script());
    connection.setAutoCommit(false);
    int index = 0;
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        index++;
        statement.execute(sql);
      }
      record(connection, migration);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      Jdbc.rollbackQuietly(connection, e);
      throw new MigrationException(
          "migration V"
              + migration.version()
              + " ('"
              + migration.description()
              + "') failed at statement "
              + index
              + " of "
              + statements.size()
              + " on "
              + kind
              + "; it is not recorded as applied"
              + (kind == DatabaseKind.H2 ? " (H2 may have kept DDL before the failure)" : "")
              + ": "
              + e.getMessage(),
          e);
    } finally {
      connection.setAutoCommit(true);
    }
    LOG.info(
        "database migration applied version={} description='{}' millis={}",
        migration.version(),
        migration.description(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private void record(Connection connection, Migration migration) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into schema_version(version, description, checksum, installed_on)"
                + " values (?, ?, ?, ?)")) {
      insert.setInt(1, migration.version());
      insert.setString(2, migration.description());
      insert.setString(3, migration.checksum());
      insert.setObject(4, Jdbc.now(clock));
      insert.executeUpdate();
    }
  }

  private static int latest(List<Migration> migrations) {
    return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
  }
}
