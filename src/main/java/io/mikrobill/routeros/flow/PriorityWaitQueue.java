package io.mikrobill.routeros.flow;

import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * A bounded queue ordered by priority, then by arrival. With priorities off, it is plain FIFO.
 * Not thread-safe: its owners guard it.
 */
final class PriorityWaitQueue<T> {

  private record Item<T>(int rank, long seq, T value) {}

  private final PriorityQueue<Item<T>> queue =
      new PriorityQueue<>((a, b) -> a.rank != b.rank ? Integer.compare(a.rank, b.rank) : Long.compare(a.seq, b.seq));
  private final boolean byPriority;
  private long seq;

  PriorityWaitQueue(boolean byPriority) {
    this.byPriority = byPriority;
  }

  void add(Priority priority, T value) {
    queue.add(new Item<>(byPriority ? priority.ordinal() : 0, seq++, value));
  }

  T poll() {
    Item<T> i = queue.poll();
    return i == null ? null : i.value;
  }

  T peek() {
    Item<T> i = queue.peek();
    return i == null ? null : i.value;
  }

  /** Removes and returns the first queued value, in queue order, that matches. */
  T pollFirstMatching(Predicate<T> match) {
    Item<T> best = null;
    for (Item<T> i : queue) {
      if (match.test(i.value) && (best == null || (i.rank < best.rank || (i.rank == best.rank && i.seq < best.seq)))) {
        best = i;
      }
    }
    if (best != null) {
      queue.remove(best);
      return best.value;
    }
    return null;
  }

  int size() {
    return queue.size();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }
}
