package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class IdempotentRepositoryContract extends DatabaseContract {

  private JdbcIdempotentRepository csv;
  private JdbcIdempotentRepository jms;

  @BeforeEach
  void migrate() {
    database.migrate();
    csv = new JdbcIdempotentRepository(database.dataSource(), "csv-import");
    jms = new JdbcIdempotentRepository(database.dataSource(), "jms-orders");
    csv.start();
    jms.start();
  }

  @Test
  void shouldAcceptAKeyOnceAndRefuseItsRepeat() {
    assertThat(csv.add("row-1")).isTrue();
    assertThat(csv.add("row-1")).isFalse();
    assertThat(csv.contains("row-1")).isTrue();
    assertThat(csv.confirm("row-1")).isTrue();
  }

  @Test
  void shouldLetExactlyOneOfEightConcurrentAddsWin() throws Exception {
    List<Boolean> results = RequestOutcomesContract.race(8, () -> csv.add("row-race"));

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
  }

  @Test
  void shouldLetTwoRepositoriesOnOneDatabaseRaceWithOneWinner() throws Exception {
    try (Database second = Database.open(database.settings())) {
      JdbcIdempotentRepository other = new JdbcIdempotentRepository(second.dataSource(), "csv-import");
      List<Boolean> results =
          RequestOutcomesContract.race(
              8, () -> (Thread.currentThread().threadId() % 2 == 0 ? csv : other).add("row-two"));

      assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
    }
  }

  @Test
  void shouldKeepProcessorsApart() {
    csv.add("id-1");

    assertThat(jms.contains("id-1")).isFalse();
    assertThat(jms.add("id-1")).isTrue();
  }

  @Test
  void shouldForgetARemovedKeySoARedeliveryIsProcessed() {
    csv.add("row-1");

    assertThat(csv.remove("row-1")).isTrue();
    assertThat(csv.remove("row-1")).isFalse();
    assertThat(csv.contains("row-1")).isFalse();
    assertThat(csv.add("row-1")).isTrue();
  }

  @Test
  void shouldClearOnlyItsOwnProcessor() {
    csv.add("a");
    csv.add("b");
    jms.add("a");

    csv.clear();

    assertThat(csv.contains("a")).isFalse();
    assertThat(csv.contains("b")).isFalse();
    assertThat(jms.contains("a")).isTrue();
  }
}
