package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class RequestOutcomesContract extends DatabaseContract {

  private RequestOutcomes outcomes;

  @BeforeEach
  void migrate() {
    database.migrate();
    outcomes = new RequestOutcomes(database.dataSource(), database.secrets());
  }

  @Test
  void shouldLetTheFirstClaimWinAndShowItToTheSecond() {
    assertThat(outcomes.claim("http", "key-1")).isEmpty();

    RequestOutcome second = outcomes.claim("http", "key-1").orElseThrow();
    assertThat(second.status()).isEqualTo(OutcomeStatus.PENDING);
    assertThat(second.requestKey()).isEqualTo("key-1");
  }

  @Test
  void shouldReturnTheFirstCompletedOutcomeToEveryRepeat() {
    outcomes.claim("http", "key-1");
    assertThat(outcomes.complete("http", "key-1", OutcomeStatus.APPLIED, 201, "{\"code\":\"A1\"}", "*1", null))
        .isTrue();

    assertThat(outcomes.complete("http", "key-1", OutcomeStatus.REFUSED, 409, "{}", null, "late"))
        .isFalse();
    RequestOutcome repeat = outcomes.claim("http", "key-1").orElseThrow();
    assertThat(repeat.status()).isEqualTo(OutcomeStatus.APPLIED);
    assertThat(repeat.httpStatus()).isEqualTo(201);
    assertThat(repeat.body()).isEqualTo("{\"code\":\"A1\"}");
    assertThat(repeat.routerId()).isEqualTo("*1");
    assertThat(repeat.reason()).isNull();
  }

  @Test
  void shouldKeepSourcesApart() {
    outcomes.claim("http", "same");

    assertThat(outcomes.claim("csv", "same")).isEmpty();
  }

  @Test
  void shouldLetExactlyOneOfEightConcurrentClaimsWin() throws Exception {
    List<Optional<RequestOutcome>> results = race(8, () -> outcomes.claim("jms", "msg-1"));

    assertThat(results).filteredOn(Optional::isEmpty).hasSize(1);
  }

  @Test
  void shouldRefuseToCompleteARequestNeverClaimed() {
    assertThatThrownBy(
            () -> outcomes.complete("http", "ghost", OutcomeStatus.APPLIED, 200, null, null, null))
        .isInstanceOf(UnknownRequestException.class)
        .hasMessageContaining("key=ghost");
    assertThatThrownBy(
            () -> outcomes.complete("http", "ghost", OutcomeStatus.PENDING, 200, null, null, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("PENDING");
  }

  @Test
  void shouldListClaimsStillPendingForARepairTask() {
    outcomes.claim("http", "stuck");
    outcomes.claim("http", "done");
    outcomes.complete("http", "done", OutcomeStatus.REFUSED, 422, null, null, "bad profile");

    assertThat(outcomes.pendingClaimedBefore(Instant.now().plusSeconds(1), 10))
        .extracting(RequestOutcome::requestKey)
        .containsExactly("stuck");
    assertThat(outcomes.pendingClaimedBefore(Instant.now().minusSeconds(60), 10)).isEmpty();
  }

  static <T> List<T> race(int threads, Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return work.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
