package io.mikrobill.routeros.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool's open connections, how many commands each carries, and the callers waiting for room,
 * first come first served (as HikariCP's bag keeps its waiters). A connection is shared, not lent:
 * taking one means adding a command to the least-loaded live connection still under its in-flight
 * bound. Not thread-safe: every call happens under the pool's lock.
 */
final class ConnectionBag {

  /** What the housekeeper found: idle connections to close, and idle ones to health-check. */
  record Sweep(List<PooledConnection> expired, List<PooledConnection> idle) {
    static final Sweep NOTHING = new Sweep(List.of(), List.of());
  }

  /** A waiting caller and the connection it now has a share of, taken already. */
  record Handoff(Waiter waiter, PooledConnection entry, long waitedNanos) {}

  private final List<PooledConnection> entries = new ArrayList<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
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

  /** Whether any connection is up (with room or not). */
  boolean hasLive() {
    for (PooledConnection e : entries) {
      if (e.connection.isActive()) {
        return true;
      }
    }
    return false;
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

  int waiting() {
    return waiters.size();
  }

  boolean hasWaiters() {
    return !waiters.isEmpty();
  }

  void enqueue(Waiter w) {
    waiters.addLast(w);
  }

  /** False when the caller was served or refused already. */
  boolean withdraw(Waiter w) {
    return waiters.remove(w);
  }

  /** Removes every waiting caller, to refuse them. */
  List<Waiter> drainWaiters() {
    List<Waiter> all = new ArrayList<>(waiters);
    waiters.clear();
    return all;
  }

  /** Gives the longest-waiting callers a share of the connections with room, in order. */
  List<Handoff> handOff(long now) {
    List<Handoff> served = new ArrayList<>();
    PooledConnection e;
    while (!waiters.isEmpty() && (e = leastLoadedWithRoom()) != null) {
      Waiter w = waiters.pollFirst();
      take(e, now);
      served.add(new Handoff(w, e, now - w.sinceNanos));
    }
    return served;
  }

  PoolState state(int connecting, int max) {
    int active = 0;
    for (PooledConnection e : entries) {
      if (e.inFlight > 0) {
        active++;
      }
    }
    return new PoolState(entries.size(), active, entries.size() - active, waiters.size(), connecting, max);
  }
}
