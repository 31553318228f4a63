package io.mikrobill.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.mikrobill.routeros.pool.PoolMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Feeds what the pools report into Micrometer, tagged by router: how long callers waited for a
 * connection ({@code mikrotik_pool_acquire_seconds}), how many gave up waiting ({@code
 * mikrotik_pool_acquire_timeouts_total}), how many were refused at once because the router was
 * down ({@code mikrotik_pool_acquire_failed_fast_total}), and connections opened, closed and failed. The pool's
 * sizes by state are gauges in {@link RouterMetrics}, read from the pool when scraped.
 *
 * <p>A router's meters are registered on its first event and kept, so a hot path only looks
 * them up in a map.
 */
public final class MicrometerPoolMetrics implements PoolMetrics {

  private final MeterRegistry registry;
  private final Map<String, Meters> byRouter = new ConcurrentHashMap<>();

  public MicrometerPoolMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void connectionOpened(String router) {
    meters(router).opened.increment();
  }

  @Override
  public void connectionClosed(String router) {
    meters(router).closed.increment();
  }

  @Override
  public void connectFailed(String router) {
    meters(router).connectFailures.increment();
  }

  @Override
  public void acquired(String router, long waitNanos) {
    meters(router).acquire.record(waitNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void acquireTimedOut(String router) {
    meters(router).timeouts.increment();
  }

  @Override
  public void acquireFailedFast(String router) {
    meters(router).failedFast.increment();
  }

  private Meters meters(String router) {
    return byRouter.computeIfAbsent(router, r -> new Meters(registry, Tags.of("router", r)));
  }

  private static final class Meters {
    final Timer acquire;
    final Counter timeouts;
    final Counter failedFast;
    final Counter opened;
    final Counter closed;
    final Counter connectFailures;

    Meters(MeterRegistry registry, Tags tags) {
      acquire = Timer.builder("mikrotik_pool_acquire_seconds").tags(tags)
          .description("Time callers waited for a share of a pooled connection").register(registry);
      timeouts = Counter.builder("mikrotik_pool_acquire_timeouts_total").tags(tags)
          .description("Callers that got no connection within the acquire timeout or found the waiting queue full")
          .register(registry);
      failedFast = Counter.builder("mikrotik_pool_acquire_failed_fast_total").tags(tags)
          .description("Callers refused at once because no connection was up and the last connect failed")
          .register(registry);
      opened = Counter.builder("mikrotik_pool_connections_opened_total").tags(tags)
          .description("Connections opened and logged in").register(registry);
      closed = Counter.builder("mikrotik_pool_connections_closed_total").tags(tags)
          .description("Pooled connections closed, for any reason").register(registry);
      connectFailures = Counter.builder("mikrotik_pool_connect_failures_total").tags(tags)
          .description("Attempts to connect or log in that failed").register(registry);
    }
  }
}
