package io.mikrobill.routeros.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectScheduleTest {

  private static final long MS = 1_000_000L;

  @Test
  void shouldDoubleFromTheInitialDelayUpToTheMaximum() {
    ReconnectSchedule s = new ReconnectSchedule(
        PoolOptions.builder().reconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(5)).build(), () -> 0.5);
    assertThat(s.delayNanos()).as("no failure yet: at once").isZero();
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      s.failed(new IllegalStateException("refused"));
      delays.add(s.delayNanos() / MS);
    }
    assertThat(delays).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
    s.succeeded();
    assertThat(s.delayNanos()).isZero();
    assertThat(s.lastFailure()).isNull();
  }

  @Test
  void shouldNeverLetTheJitterPassTheMaximum() {
    ReconnectSchedule highest = new ReconnectSchedule(PoolOptions.defaults(), () -> 0.999);
    for (int i = 0; i < 30; i++) {
      highest.failed(new IllegalStateException("refused"));
      assertThat(highest.delayNanos()).isLessThanOrEqualTo(PoolOptions.DEFAULT_RECONNECT_MAX.toNanos());
    }
    ReconnectSchedule lowest = new ReconnectSchedule(PoolOptions.defaults(), () -> 0.0);
    lowest.failed(new IllegalStateException("refused"));
    assertThat(lowest.delayNanos() / MS).as("20 % below the initial 250 ms").isEqualTo(200);
  }

  @Test
  void shouldBringARouterThatIsBackWithinFiveSecondsByDefault() {
    assertThat(PoolOptions.DEFAULT_RECONNECT_MAX).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }
}
