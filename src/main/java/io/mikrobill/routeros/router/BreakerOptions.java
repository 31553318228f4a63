package io.mikrobill.routeros.router;

import java.time.Duration;

/**
 * {@code ENABLE_CIRCUIT_BREAKER}; {@code CIRCUIT_BREAKER_THRESHOLD} failures among the last that
 * many calls open the breaker; it stays open {@code CIRCUIT_BREAKER_TIMEOUT}, then lets a few
 * calls probe; {@code CIRCUIT_BREAKER_MONITORING} publishes its transitions.
 */
public record BreakerOptions(boolean enabled, int threshold, Duration openTimeout, boolean monitoring) {

  public static final int DEFAULT_THRESHOLD = 5;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public BreakerOptions {
    if (threshold < 1) {
      throw new IllegalArgumentException("CIRCUIT_BREAKER_THRESHOLD must be at least 1, was " + threshold);
    }
    if (openTimeout == null || openTimeout.isNegative() || openTimeout.isZero()) {
      throw new IllegalArgumentException("CIRCUIT_BREAKER_TIMEOUT must be positive, was " + openTimeout);
    }
  }

  public static BreakerOptions defaults() {
    return new BreakerOptions(true, DEFAULT_THRESHOLD, DEFAULT_TIMEOUT, true);
  }
}
