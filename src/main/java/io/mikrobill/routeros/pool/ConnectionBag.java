package io.mikrobill.routeros.pool;

import java.util.ArrayList;
import java.util.List;

/**
 * The pool's open connections and how many commands each carries. A connection is shared, not
 * lent: taking one means adding a command to the least-loaded live connection still under its
 * in-flight bound. Not thread-safe: every call happens under the pool's lock.
 */
final class ConnectionBag {

  /** What the housekeeper found: idle connections to close, and idle ones to health-check. */
  record Sweep(List<PooledConnection> expired, List<PooledConnection> idle) {
    static final Sweep NOTHING = new Sweep(List.of(), List.of());
  }

  private final List<PooledConnection> entries = new ArrayList<>();
  private final int maxInFlight;

  ConnectionBag(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  void add(PooledConnection e) {
    entries.add(e);
  }

  /** False when the connection was removed already. */
  boolean remove(PooledConnection e) {
    return entries.remove(e);
  }

  int size() {
    return entries.size();
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  List<PooledConnection> all() {
    return new ArrayList<>(entries);
  }

  /** The live connection with the fewest commands in flight among those with room, or null. */
  PooledConnection leastLoadedWithRoom() {
    PooledConnection best = null;
    for (PooledConnection e : entries) {
      if (e.connection.isActive() && e.inFlight < maxInFlight && (best == null || e.inFlight < best.inFlight)) {
        best = e;
      }
    }
    return best;
  }

  /** Adds one command to the connection. */
  void take(PooledConnection e, long now) {
    e.inFlight++;
    e.lastUsedNanos = now;
  }

  /** Removes one command from the connection. */
  void give(PooledConnection e, long now) {
    e.inFlight--;
    e.lastUsedNanos = now;
  }

  /**
   * Splits the idle connections: those unused for longer than {@code idleNanos}, as long as
   * {@code keep} stay open, are to close; the other idle ones are to health-check.
   */
  Sweep sweep(long now, long idleNanos, int keep) {
    List<PooledConnection> expired = new ArrayList<>();
    List<PooledConnection> idle = new ArrayList<>();
    int open = entries.size();
    for (PooledConnection e : entries) {
      if (e.inFlight == 0 && now - e.lastUsedNanos > idleNanos && open > keep) {
        expired.add(e);
        open--;
      } else if (e.inFlight == 0) {
        idle.add(e);
      }
    }
    return new Sweep(expired, idle);
  }

  PoolState state(int waiting, int connecting, int max) {
    int active = 0;
    for (PooledConnection e : entries) {
      if (e.inFlight > 0) {
        active++;
      }
    }
    return new PoolState(entries.size(), active, entries.size() - active, waiting, connecting, max);
  }
}
