package io.mikrobill.routeros.pool;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When the pool tries again after failed connects: at once while the last attempt succeeded,
 * then after the initial delay, doubling with every failure in a row up to the maximum. Each
 * delay gets ±20 % jitter, so the pools of many routers that lost the same link do not all knock
 * at the same instant; the jitter never takes a delay past the maximum, which bounds how long a
 * router that is back waits to be used again. It also remembers the last failure and when the
 * next attempt is due, for the error of a caller refused while the router is down. Not
 * thread-safe: every call happens under the pool's lock.
 */
final class ReconnectSchedule {

  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int failures;
  private Throwable lastFailure;
  private long nextAttemptNanos;

  ReconnectSchedule(PoolOptions options) {
    this(options, () -> ThreadLocalRandom.current().nextDouble());
  }

  ReconnectSchedule(PoolOptions options, DoubleSupplier random) {
    this.initialNanos = options.reconnectInitial().toNanos();
    this.maxNanos = options.reconnectMax().toNanos();
    this.random = random;
  }

  void failed(Throwable cause) {
    failures++;
    lastFailure = cause;
  }

  void succeeded() {
    failures = 0;
    lastFailure = null;
  }

  /** Whether the last connect attempt failed: with no connection up, the router is down. */
  boolean lastAttemptFailed() {
    return failures > 0;
  }

  /** The failure of the last attempt, or null when it succeeded. */
  Throwable lastFailure() {
    return lastFailure;
  }

  /** Notes that an attempt starts at {@code atNanos} (now, or after a delay). */
  void attemptAt(long atNanos) {
    nextAttemptNanos = atNanos;
  }

  /** When the last attempt planned starts (or started). */
  long nextAttemptNanos() {
    return nextAttemptNanos;
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
    return Math.min(maxNanos, (long) (base * (0.8 + 0.4 * random.getAsDouble())));
  }

  /** The first delay after a connection that worked was lost (not refused: no failure yet). */
  long initialNanos() {
    return initialNanos;
  }
}
