package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

abstract class MigrationContract extends DatabaseContract {

  /** Flyway's schema history table. */
  private static final String HISTORY = "flyway_schema_history";

  /**
   * Counts the migrations recorded as applied: Flyway also keeps a row for the creation of its
   * table, and on H2 (no transactional DDL) a row for a migration that failed.
   */
  private static final String APPLIED =
      "select count(*) from " + HISTORY + " where version is not null and success";

  @Test
  void shouldApplyTheInitialSchemaOnceAndRecordIt() throws Exception {
    assertThat(database.migrate()).containsExactly(1, 2, 3, 4);

    assertThat(queryLong(APPLIED)).isEqualTo(4);
    assertThat(queryString("select description from " + HISTORY + " where version = '1'"))
        .isEqualTo("initial schema");
    assertThat(queryString("select checksum from " + HISTORY + " where version = '1'"))
        .matches("-?[0-9]+");
    for (String table : List.of("vouchers", "idempotent_keys", "request_outcomes", "security_events", "file_locks", "principals",
        "auth_sessions")) {
      assertThat(queryLong("select count(*) from " + table)).as(table).isZero();
    }
  }

  @Test
  void shouldDoNothingWhenMigratedASecondTime() throws Exception {
    database.migrate();

    assertThat(database.migrate()).isEmpty();
    assertThat(queryLong(APPLIED)).isEqualTo(4);
  }

  @Test
  void shouldRefuseToStartWhenAnAppliedMigrationWasChanged() throws Exception {
    database.migrate();
    execute("update " + HISTORY + " set checksum = 12345 where version = '1'");

    assertThatThrownBy(database::migrate)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V1")
        .hasMessageContaining("changed after it was applied")
        .hasMessageContaining("recorded checksum=12345");
  }

  @Test
  void shouldRefuseToStartOnASchemaNewerThanTheBuild() throws Exception {
    database.migrate();
    execute(
        "insert into " + HISTORY + "(installed_rank, version, description, type, script, checksum,"
            + " installed_by, execution_time, success)"
            + " values (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'x', 0, true)");

    assertThatThrownBy(database::migrate)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("version 99");
  }

  @Test
  void shouldApplyOnceWhenFourInstancesMigrateTogether() throws Exception {
    List<Database> instances = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 4; i++) {
        instances.add(Database.open(database.settings()));
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (Database instance : instances) {
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  return instance.migrate();
                }));
      }
      start.countDown();
      List<Integer> applied = new ArrayList<>();
      for (Future<List<Integer>> result : results) {
        applied.addAll(result.get());
      }

      assertThat(applied).containsExactlyInAnyOrder(1, 2, 3, 4);
      assertThat(queryLong(APPLIED)).isEqualTo(4);
    } finally {
      threads.shutdownNow();
      instances.forEach(Database::close);
    }
  }

  @Test
  void shouldApplyMigrationsInNumericVersionOrder() throws Exception {
    List<Integer> applied = database.migrate(getClass().getClassLoader(), "db/ordered-migration");

    assertThat(applied).containsExactly(1, 2, 10);
    assertThat(queryString("select note from ordered_b where id = 10")).isEqualTo("x;y");
  }

  @Test
  void shouldNotRecordAMigrationThatFailed() throws Exception {
    assertThatThrownBy(() -> database.migrate(getClass().getClassLoader(), "db/failing-migration"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V2")
        .hasMessageContaining("line 2");

    assertThat(queryLong(APPLIED)).isEqualTo(1);
    assertThat(queryLong("select count(*) from failing_a")).isZero();
  }

  @Test
  void shouldRefuseAMigrationOlderThanTheNewestApplied() throws Exception {
    database.migrate(getClass().getClassLoader(), "db/ordered-migration");
    execute("delete from " + HISTORY + " where version = '2'");

    assertThatThrownBy(() -> database.migrate(getClass().getClassLoader(), "db/ordered-migration"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V2")
        .hasMessageContaining("out-of-order");
  }

  @Test
  void shouldTakeOverADatabaseOfTheEarlierRunnerAndApplyOnlyWhatIsNewer() throws Exception {
    database.migrate(getClass().getClassLoader(), "db/ordered-migration");
    // as the runner before Flyway left it after V1: its own history table, no Flyway history
    execute("drop table " + HISTORY);
    execute("drop table ordered_b");
    createEarlierRunnerHistory(1);

    assertThat(database.migrate(getClass().getClassLoader(), "db/ordered-migration"))
        .containsExactly(2, 10);
    assertThat(queryString("select type from " + HISTORY + " where version = '1'"))
        .isEqualTo("BASELINE");
    assertThat(queryLong(APPLIED)).isEqualTo(3);
    assertThat(queryString("select note from ordered_b where id = 10")).isEqualTo("x;y");
    assertThat(database.migrate(getClass().getClassLoader(), "db/ordered-migration")).isEmpty();
  }

  @Test
  void shouldRefuseToTakeOverADatabaseOfTheEarlierRunnerNewerThanTheBuild() throws Exception {
    database.migrate();
    execute("drop table " + HISTORY);
    createEarlierRunnerHistory(99);

    assertThatThrownBy(database::migrate)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("version 99");
  }

  /** The table and rows the hand-written runner before Flyway kept, up to {@code newest}. */
  private void createEarlierRunnerHistory(int newest) throws SQLException {
    execute(
        "create table schema_version(version int primary key, description varchar(200) not null,"
            + " checksum varchar(64) not null, installed_on timestamp with time zone not null)");
    execute(
        "insert into schema_version(version, description, checksum, installed_on)"
            + " values (" + newest + ", 'earlier', '" + "0".repeat(64) + "', current_timestamp)");
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private long queryLong(String sql) throws SQLException {
    return Long.parseLong(queryString(sql));
  }

  private String queryString(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from " + sql).isTrue();
      return rs.getString(1);
    }
  }
}
