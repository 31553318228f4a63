package io.mikrobill.routeros.flow;

/**
 * Bounded concurrency toward one router: at most {@code MAX_CONCURRENCY} requests (or batches) in
 * flight, at most {@code REQUEST_QUEUE_MAX_SIZE} waiting, by priority when {@code
 * ENABLE_QUEUE_PRIORITY}; with {@code ENABLE_BATCHING}, up to {@code BATCH_SIZE} queued writes to
 * the same menu leave together.
 */
public record RequestQueueOptions(
    boolean enabled, int maxSize, int maxConcurrency, boolean priority, boolean batching, int batchSize) {

  public static final int DEFAULT_MAX_SIZE = 10_000;
  public static final int DEFAULT_MAX_CONCURRENCY = 64;
  public static final int DEFAULT_BATCH_SIZE = 20;

  public RequestQueueOptions {
    if (maxSize < 0) {
      throw new IllegalArgumentException("REQUEST_QUEUE_MAX_SIZE must not be negative, was " + maxSize);
    }
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("MAX_CONCURRENCY must be at least 1, was " + maxConcurrency);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("BATCH_SIZE must be at least 1, was " + batchSize);
    }
  }

  public static RequestQueueOptions defaults() {
    return new RequestQueueOptions(true, DEFAULT_MAX_SIZE, DEFAULT_MAX_CONCURRENCY, true, false, DEFAULT_BATCH_SIZE);
  }
}
