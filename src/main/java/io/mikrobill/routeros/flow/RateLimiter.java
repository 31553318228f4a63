package io.mikrobill.routeros.flow;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.mikrobill.routeros.RateLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket (Bucket4j, refilled in steps as the guide describes) in front of one router,
 * with the part no library provides: requests that find the bucket empty wait in a bounded queue
 * ordered by priority, first come first served within a priority, and are released as tokens
 * arrive. A full queue refuses at once and reports a {@code rate-limit-exceeded} event.
 *
 * <p>Nobody spins: a single drain is scheduled for when the next token is due.
 */
public final class RateLimiter {

  /** Hears refusals. */
  public interface Listener {
    void rateLimitExceeded(String router, Priority priority, int queued);
  }

  private final String router;
  private final RateLimiterOptions options;
  private final Bucket bucket;
  private final ScheduledExecutorService scheduler;
  private final Listener listener;
  private final PriorityWaitQueue<CompletableFuture<Void>> waiting;
  private boolean drainScheduled;
  private long refused;

  public RateLimiter(String router, RateLimiterOptions options, ScheduledExecutorService scheduler, Listener listener) {
    this(router, options, scheduler, listener, TimeMeter.SYSTEM_NANOTIME);
  }

  RateLimiter(String router, RateLimiterOptions options, ScheduledExecutorService scheduler, Listener listener, TimeMeter time) {
    this.router = router;
    this.options = options;
    this.scheduler = scheduler;
    this.listener = listener;
    this.waiting = new PriorityWaitQueue<>(options.priorityQueue());
    this.bucket =
        Bucket.builder()
            .addLimit(limit -> limit.capacity(options.bucketSize())
                .refillIntervally(options.refillTokens(), options.refillInterval())
                .initialTokens(options.bucketSize()))
            .withCustomTimePrecision(time)
            .build();
  }

  public RateLimiterOptions options() {
    return options;
  }

  /** Completes when the request may go to the router; fails at once when the queue is full. */
  public CompletableFuture<Void> acquire(Priority priority) {
    if (!options.enabled()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> ticket;
    int queued;
    synchronized (this) {
      if (waiting.isEmpty() && bucket.tryConsume(1)) {
        return CompletableFuture.completedFuture(null);
      }
      if (waiting.size() >= options.maxQueue()) {
        refused++;
        queued = waiting.size();
        ticket = null;
      } else {
        ticket = new CompletableFuture<>();
        waiting.add(priority, ticket);
        scheduleDrain();
        queued = -1;
      }
    }
    if (ticket == null) {
      listener.rateLimitExceeded(router, priority, queued);
      return CompletableFuture.failedFuture(
          new RateLimitExceededException("router=" + router + " rate limit queue is full (" + queued
              + " waiting, MAX_RATE_LIMIT_QUEUE=" + options.maxQueue() + "); request refused priority=" + priority.wireName()));
    }
    return ticket;
  }

  /** Requests waiting for a token. */
  public synchronized int queued() {
    return waiting.size();
  }

  public synchronized long availableTokens() {
    return bucket.getAvailableTokens();
  }

  public synchronized long refused() {
    return refused;
  }

  /** Releases as many waiting requests as there are tokens. */
  void drain() {
    List<CompletableFuture<Void>> released = new ArrayList<>();
    synchronized (this) {
      drainScheduled = false;
      while (!waiting.isEmpty() && bucket.tryConsume(1)) {
        released.add(waiting.poll());
      }
      if (!waiting.isEmpty()) {
        scheduleDrain();
      }
    }
    released.forEach(f -> f.complete(null));
  }

  private void scheduleDrain() {
    if (drainScheduled) {
      return;
    }
    drainScheduled = true;
    long nanos = Math.max(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(), 100_000L);
    scheduler.schedule(this::drain, nanos, TimeUnit.NANOSECONDS);
  }
}
