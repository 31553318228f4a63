package io.mikrobill.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Counts failures per key (an account, a client address): {@code limit} of them within
 * {@code window} lock the key for {@code window}. Time comes from the clock, so tests move it
 * instead of sleeping. Bounded: at most 100,000 keys are tracked (the least recently used go),
 * so a flood of addresses cannot grow it without end.
 */
final class Strikes {

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Cache<String, Entry> entries;

  private static final class Entry {
    final Deque<Long> failures = new ArrayDeque<>();
    long lockedUntil;
  }

  Strikes(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.entries = Caffeine.newBuilder().maximumSize(100_000)
        .expireAfterAccess(window.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
  }

  /** How long {@code key} stays locked, if it is. */
  Optional<Duration> locked(String key) {
    Entry e = entries.getIfPresent(key);
    if (e == null) {
      return Optional.empty();
    }
    synchronized (e) {
      long left = e.lockedUntil - clock.millis();
      return left > 0 ? Optional.of(Duration.ofMillis(left)) : Optional.empty();
    }
  }

  /** Records a failure; true when it locked the key. */
  boolean strike(String key) {
    Entry e = entries.get(key, k -> new Entry());
    long now = clock.millis();
    synchronized (e) {
      while (!e.failures.isEmpty() && e.failures.peekFirst() <= now - window.toMillis()) {
        e.failures.removeFirst();
      }
      e.failures.addLast(now);
      if (e.failures.size() >= limit && e.lockedUntil <= now) {
        e.lockedUntil = now + window.toMillis();
        e.failures.clear();
        return true;
      }
      return false;
    }
  }

  void clear(String key) {
    entries.invalidate(key);
  }

  static int seconds(Duration d) {
    return (int) Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
