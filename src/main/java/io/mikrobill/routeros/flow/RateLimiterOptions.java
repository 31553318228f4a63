package io.mikrobill.routeros.flow;

import java.time.Duration;

/**
 * The token bucket of one router: {@code RATE_LIMIT_BUCKET_SIZE} tokens at most, {@code
 * RATE_LIMIT_REFILL_RATE} added every {@code RATE_LIMIT_REFILL_INTERVAL}; at most {@code
 * MAX_RATE_LIMIT_QUEUE} requests wait for a token, by priority when {@code ENABLE_PRIORITY_QUEUE}.
 */
public record RateLimiterOptions(
    boolean enabled, long bucketSize, long refillTokens, Duration refillInterval, int maxQueue, boolean priorityQueue) {

  public static final long DEFAULT_BUCKET_SIZE = 100;
  public static final long DEFAULT_REFILL_RATE = 10;
  public static final Duration DEFAULT_REFILL_INTERVAL = Duration.ofMillis(100);
  public static final int DEFAULT_MAX_QUEUE = 1000;

  public RateLimiterOptions {
    if (bucketSize < 1) {
      throw new IllegalArgumentException("RATE_LIMIT_BUCKET_SIZE must be at least 1, was " + bucketSize);
    }
    if (refillTokens < 1) {
      throw new IllegalArgumentException("RATE_LIMIT_REFILL_RATE must be at least 1, was " + refillTokens);
    }
    if (refillInterval == null || refillInterval.isNegative() || refillInterval.isZero()) {
      throw new IllegalArgumentException("RATE_LIMIT_REFILL_INTERVAL must be positive, was " + refillInterval);
    }
    if (maxQueue < 0) {
      throw new IllegalArgumentException("MAX_RATE_LIMIT_QUEUE must not be negative, was " + maxQueue);
    }
  }

  public static RateLimiterOptions defaults() {
    return new RateLimiterOptions(true, DEFAULT_BUCKET_SIZE, DEFAULT_REFILL_RATE, DEFAULT_REFILL_INTERVAL, DEFAULT_MAX_QUEUE, true);
  }
}
