package io.mikrobill.routeros.cache;

import java.time.Duration;

/** {@code ENABLE_CACHING}, {@code CACHE_MAX_SIZE}, {@code CACHE_DEFAULT_TTL}, {@code ENABLE_CACHE_INTEGRITY}. */
public record CacheOptions(boolean enabled, long maxSize, Duration defaultTtl, boolean integrity) {

  public static final long DEFAULT_MAX_SIZE = 10_000;
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  public CacheOptions {
    if (maxSize < 1) {
      throw new IllegalArgumentException("CACHE_MAX_SIZE must be at least 1, was " + maxSize);
    }
    if (defaultTtl == null || defaultTtl.isNegative() || defaultTtl.isZero()) {
      throw new IllegalArgumentException("CACHE_DEFAULT_TTL must be positive, was " + defaultTtl);
    }
  }

  public static CacheOptions defaults() {
    return new CacheOptions(true, DEFAULT_MAX_SIZE, DEFAULT_TTL, true);
  }
}
