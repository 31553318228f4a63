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

  @Test
  void shouldApplyTheInitialSchemaOnceAndRecordIt() throws Exception {
    assertThat(database.migrate()).containsExactly(1, 2);

    assertThat(queryLong("select count(*) from schema_version")).isEqualTo(2);
    assertThat(queryString("select description from schema_version where version = 1"))
        .isEqualTo("initial schema");
    assertThat(queryString("select checksum from schema_version where version = 1"))
        .matches("[0-9a-f]{64}");
    for (String table : List.of("vouchers", "idempotent_keys", "request_outcomes", "security_events", "file_locks")) {
      assertThat(queryLong("select count(*) from " + table)).as(table).isZero();
    }
  }

  @Test
  void shouldDoNothingWhenMigratedASecondTime() throws Exception {
    database.migrate();

    assertThat(database.migrate()).isEmpty();
    assertThat(queryLong("select count(*) from schema_version")).isEqualTo(2);
  }

  @Test
  void shouldRefuseToStartWhenAnAppliedMigrationWasChanged() throws Exception {
    database.migrate();
    execute("update schema_version set checksum = 'edited' where version = 1");

    assertThatThrownBy(database::migrate)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V1")
        .hasMessageContaining("changed after it was applied")
        .hasMessageContaining("recorded checksum=edited");
  }

  @Test
  void shouldRefuseToStartOnASchemaNewerThanTheBuild() throws Exception {
    database.migrate();
    execute(
        "insert into schema_version(version, description, checksum, installed_on)"
            + " values (99, 'from the future', 'x', current_timestamp)");

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

      assertThat(applied).containsExactly(1, 2);
      assertThat(queryLong("select count(*) from schema_version")).isEqualTo(2);
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
        .hasMessageContaining("statement 2 of 2");

    assertThat(queryLong("select count(*) from schema_version")).isEqualTo(1);
    assertThat(queryLong("select count(*) from failing_a")).isZero();
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
