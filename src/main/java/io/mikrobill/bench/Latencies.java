package io.mikrobill.bench;

import java.util.Arrays;

/** Latencies of completed operations, in nanoseconds; percentiles by sorting once at the end. */
final class Latencies {

  private final long[] values;
  private int size;

  Latencies(int capacity) {
    values = new long[capacity];
  }

  synchronized void add(long nanos) {
    if (size < values.length) {
      values[size++] = nanos;
    }
  }

  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
    return sorted[index] / 1_000_000.0;
  }
}
