package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances sharing a folder's locks: a live lock is respected, a dead instance's lock is taken over. */
abstract class FileLocksContract extends DatabaseContract {

  private static final Duration EXPIRY = Duration.ofSeconds(60);
  private static final Duration MAX_AGE = Duration.ofHours(1);

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  private FileLocks a;
  private FileLocks b;

  @BeforeEach
  void migrate() {
    database.migrate();
    a = new FileLocks(database.dataSource(), "vouchers-csv-files", EXPIRY, MAX_AGE, clock);
    b = new FileLocks(database.dataSource(), "vouchers-csv-files", EXPIRY, MAX_AGE, clock);
  }

  private void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  @Test
  void shouldNotTakeALockThatALiveInstanceHolds() {
    assertThat(a.add("/in/batch1.csv")).isTrue();
    assertThat(b.add("/in/batch1.csv")).isFalse();
    for (int i = 0; i < 10; i++) {
      advance(Duration.ofSeconds(15));
      a.beat();
      assertThat(b.add("/in/batch1.csv")).as("after %d s of a's heartbeats", (i + 1) * 15).isFalse();
    }
    assertThat(b.contains("/in/batch1.csv")).isTrue();
  }

  @Test
  void shouldTakeOverTheLockOfAnInstanceWhoseHeartbeatStopped() {
    assertThat(a.add("/in/batch2.csv")).isTrue();
    advance(Duration.ofSeconds(59));
    assertThat(b.add("/in/batch2.csv")).isFalse();
    advance(Duration.ofSeconds(2));
    assertThat(b.contains("/in/batch2.csv")).isFalse();
    assertThat(b.add("/in/batch2.csv")).as("a stopped beating 61 s ago").isTrue();
    assertThat(a.add("/in/batch2.csv")).as("now b holds it").isFalse();
    assertThat(a.remove("/in/batch2.csv")).as("a cannot release b's lock").isFalse();
    assertThat(b.remove("/in/batch2.csv")).isTrue();
    assertThat(a.add("/in/batch2.csv")).isTrue();
  }

  @Test
  void shouldTakeOverALockHeldLongerThanTheMaximumAgeEvenWithHeartbeats() {
    assertThat(a.add("/in/batch3.csv")).isTrue();
    for (int i = 0; i < 61; i++) {
      advance(Duration.ofMinutes(1));
      a.beat();
    }
    assertThat(b.add("/in/batch3.csv")).isTrue();
  }

  @Test
  void shouldLetExactlyOneOfEightInstancesTakeAFreeLock() throws Exception {
    List<FileLocks> instances = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      instances.add(new FileLocks(database.dataSource(), "vouchers-csv-files", EXPIRY, MAX_AGE, clock));
    }
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    List<Boolean> results = RequestOutcomesContract.race(8, () -> instances.get(next.getAndIncrement()).add("/in/race.csv"));
    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
  }
}
