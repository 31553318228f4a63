package io.mikrobill.routeros.pool;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When the pool tries again after failed connects: at once while the last attempt succeeded,
 * then after the initial delay, doubling with every failure in a row up to the maximum. Each
 * delay gets ±20 % jitter, so the pools of many routers that lost the same link do not all knock
 * at the same instant. Not thread-safe: every call happens under the pool's lock.
 */
final class ReconnectSchedule {

  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int failures;

  ReconnectSchedule(PoolOptions options) {
    this(options, () -> ThreadLocalRandom.current().nextDouble());
  }

  ReconnectSchedule(PoolOptions options, DoubleSupplier random) {
    this.initialNanos = options.reconnectInitial().toNanos();
    this.maxNanos = options.reconnectMax().toNanos();
    this.random = random;
  }

  void failed() {
    failures++;
  }

  void succeeded() {
    failures = 0;
  }

  /** Connect attempts that failed in a row since the last success. */
  int failures() {
    return failures;
  }

  /** The delay before the next attempt. */
  long delayNanos() {
    if (failures == 0) {
      return 0;
    }
    long exp = initialNanos << Math.min(failures - 1, 20);
    long base = Math.min(maxNanos, exp > 0 ? exp : maxNanos);
    return (long) (base * (0.8 + 0.4 * random.getAsDouble()));
  }

  /** The first delay after a connection that worked was lost (not refused: no failure yet). */
  long initialNanos() {
    return initialNanos;
  }
}
