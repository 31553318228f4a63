package io.mikrobill.security;

import io.mikrobill.persistence.SecurityEvents;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records refusals of callers (401, 403, lockouts, rate limits, attacks) as security events with
 * the principal and client address, on one thread of its own: the HTTP edge never waits for the
 * database, and a flood of refusals is bounded (at most 10,000 waiting; beyond that they are
 * counted and dropped, and the count is logged).
 */
public final class SecurityEventLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityEventLog.class);

  private final SecurityEvents events;
  private final Runnable counter;
  private final ThreadPoolExecutor writer;
  private final AtomicLong dropped = new AtomicLong();

  public SecurityEventLog(SecurityEvents events, Runnable counter) {
    this.events = events;
    this.counter = counter;
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), r -> {
      Thread t = new Thread(r, "security-events");
      t.setDaemon(true);
      return t;
    }, (r, e) -> {
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("security events are arriving faster than they are written; {} dropped so far", dropped.get());
      }
    });
  }

  /** Records one event: {@code kind} as {@code unauthorized}, {@code forbidden}, {@code locked-out}...; never blocks. */
  public void refused(String kind, String detail, Principal principal, String address) {
    refused("http", kind, detail, principal, address);
  }

  /** The same for another edge ({@code broker}). */
  public void refused(String source, String kind, String detail, Principal principal, String address) {
    counter.run();
    String who = principal == null ? null : principal.label();
    writer.execute(() -> {
      try {
        events.record(source, kind, null, detail, who, address);
      } catch (RuntimeException e) {
        LOG.warn("security event not recorded: {}", e.getMessage());
      }
    });
  }

  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    writer.awaitTermination(5, TimeUnit.SECONDS);
  }
}
