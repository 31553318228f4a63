package io.mikrobill.routeros.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.mikrobill.routeros.RateLimitExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** Time that only moves when the test says so. */
  static final class ManualTime implements TimeMeter {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }
  }

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ManualTime time = new ManualTime();
  private final List<String> refusals = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private RateLimiter limiter(long size, int maxQueue, boolean priorities, boolean enabled) {
    RateLimiterOptions o = new RateLimiterOptions(enabled, size, 1, Duration.ofMillis(100), maxQueue, priorities);
    return new RateLimiter("r1", o, scheduler, (router, p, queued) -> refusals.add(router + ":" + p.wireName() + ":" + queued), time);
  }

  @Test
  void shouldPassABurstUpToTheBucketSizeThenMakeTheRestWait() {
    RateLimiter limiter = limiter(3, 10, true, true);
    List<CompletableFuture<Void>> f = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      f.add(limiter.acquire(Priority.NORMAL));
    }
    assertThat(f.subList(0, 3)).allMatch(CompletableFuture::isDone);
    assertThat(f.get(3)).isNotDone();
    assertThat(limiter.queued()).isEqualTo(1);

    time.advance(Duration.ofMillis(100));
    limiter.drain();
    assertThat(f.get(3)).isCompleted();
  }

  @Test
  void shouldReleaseWaitersByPriorityThenByArrival() {
    RateLimiter limiter = limiter(1, 10, true, true);
    limiter.acquire(Priority.NORMAL).join();
    List<String> order = new CopyOnWriteArrayList<>();
    String[] names = {"low-1", "normal-1", "critical-1", "high-1", "low-2", "critical-2"};
    Priority[] prios = {Priority.LOW, Priority.NORMAL, Priority.CRITICAL, Priority.HIGH, Priority.LOW, Priority.CRITICAL};
    for (int i = 0; i < names.length; i++) {
      String n = names[i];
      limiter.acquire(prios[i]).thenRun(() -> order.add(n));
    }
    for (int i = 0; i < names.length; i++) {
      time.advance(Duration.ofMillis(100));
      limiter.drain();
    }
    assertThat(order).containsExactly("critical-1", "critical-2", "high-1", "normal-1", "low-1", "low-2");
  }

  @Test
  void shouldReleaseInArrivalOrderWhenPrioritiesAreOff() {
    RateLimiter limiter = limiter(1, 10, false, true);
    limiter.acquire(Priority.NORMAL).join();
    List<String> order = new CopyOnWriteArrayList<>();
    limiter.acquire(Priority.LOW).thenRun(() -> order.add("low"));
    limiter.acquire(Priority.CRITICAL).thenRun(() -> order.add("critical"));
    for (int i = 0; i < 2; i++) {
      time.advance(Duration.ofMillis(100));
      limiter.drain();
    }
    assertThat(order).containsExactly("low", "critical");
  }

  @Test
  void shouldRefuseAtOnceAndReportAnEventWhenTheQueueIsFull() {
    RateLimiter limiter = limiter(1, 2, true, true);
    limiter.acquire(Priority.NORMAL).join();
    limiter.acquire(Priority.NORMAL);
    limiter.acquire(Priority.NORMAL);
    CompletableFuture<Void> refused = limiter.acquire(Priority.HIGH);

    assertThat(refused).isCompletedExceptionally();
    assertThat(refused.exceptionNow()).isInstanceOf(RateLimitExceededException.class)
        .hasMessageContaining("rate limit queue is full").hasMessageContaining("MAX_RATE_LIMIT_QUEUE=2");
    assertThat(refusals).containsExactly("r1:high:2");
    assertThat(limiter.refused()).isEqualTo(1);
  }

  @Test
  void shouldLetEverythingThroughWhenDisabled() {
    RateLimiter limiter = limiter(1, 0, true, false);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire(Priority.LOW)).isCompleted();
    }
    assertThat(refusals).isEmpty();
  }

  @Test
  void shouldRefillTenTokensEveryHundredMillisecondsByDefault() {
    RateLimiterOptions d = RateLimiterOptions.defaults();
    RateLimiter limiter = new RateLimiter("r1", d, scheduler, (r, p, q) -> { }, time);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.acquire(Priority.NORMAL)).isCompleted();
    }
    assertThat(limiter.availableTokens()).isZero();
    time.advance(Duration.ofMillis(99));
    assertThat(limiter.availableTokens()).isZero();
    time.advance(Duration.ofMillis(1));
    assertThat(limiter.availableTokens()).isEqualTo(10);
  }

  @Test
  void shouldRefuseBadSettingsNamingThem() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimiterOptions(true, 0, 1, Duration.ofMillis(1), 1, true))
        .hasMessageContaining("RATE_LIMIT_BUCKET_SIZE").hasMessageContaining("0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateLimiterOptions(true, 1, 1, Duration.ZERO, 1, true))
        .hasMessageContaining("RATE_LIMIT_REFILL_INTERVAL");
  }
}
