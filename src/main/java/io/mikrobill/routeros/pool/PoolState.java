package io.mikrobill.routeros.pool;

/** A snapshot of a pool: what the exhausted error and the metrics show. */
public record PoolState(int total, int active, int idle, int waiting, int connecting, int maxConnections) {

  @Override
  public String toString() {
    return "total=" + total + " active=" + active + " idle=" + idle + " waiting=" + waiting
        + " connecting=" + connecting + " max=" + maxConnections;
  }
}
