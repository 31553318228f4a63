package io.mikrobill.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics of the routers under the guide's names: pool connections by state, breaker
 * state, rate-limit queue and refusals, request queue, cache hits, misses, size and evictions, and
 * the active hotspot and PPPoE users, counted on each router every {@code interval} with {@code
 * print =count-only=} (a cheap command; the count answers in {@code !done =ret=}).
 */
public final class RouterMetrics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RouterMetrics.class);

  private final RouterRegistry routers;
  private final Map<String, AtomicLong> activeHotspot = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> activePpp = new ConcurrentHashMap<>();
  private ScheduledFuture<?> poller;

  public RouterMetrics(RouterRegistry routers, MeterRegistry registry) {
    this.routers = routers;
    for (Router r : routers.all()) {
      Tags t = Tags.of("router", r.name());
      for (String state : new String[] {"total", "active", "idle", "waiting"}) {
        Gauge.builder("mikrotik_pool_connections", r, x -> switch (state) {
          case "total" -> x.pool().state().total();
          case "active" -> x.pool().state().active();
          case "idle" -> x.pool().state().idle();
          default -> x.pool().state().waiting();
        }).tags(t.and("state", state)).description("Connections of the router's pool by state").register(registry);
      }
      Gauge.builder("mikrotik_router_available", r, x -> x.pool().isAvailable() ? 1 : 0).tags(t)
          .description("1 while at least one connection to the router is up").register(registry);
      Gauge.builder("mikrotik_circuit_breaker_state", r, x -> switch (x.breaker().getState()) {
        case CLOSED -> 0;
        case OPEN, FORCED_OPEN -> 1;
        case HALF_OPEN -> 2;
        default -> 3;
      }).tags(t).description("Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other").register(registry);
      Gauge.builder("mikrotik_rate_limit_queue_size", r, x -> x.limiter().queued()).tags(t)
          .description("Requests waiting for a token").register(registry);
      FunctionCounter.builder("mikrotik_rate_limit_rejected_total", r, x -> x.limiter().refused()).tags(t)
          .description("Requests refused because the rate-limit queue was full").register(registry);
      Gauge.builder("mikrotik_request_queue_size", r, x -> x.queue().queued()).tags(t)
          .description("Requests waiting for a concurrency slot").register(registry);
      Gauge.builder("mikrotik_requests_in_flight", r, x -> x.queue().running()).tags(t)
          .description("Requests (or batches) running on the router").register(registry);
      AtomicLong hs = activeHotspot.computeIfAbsent(r.name(), k -> new AtomicLong());
      AtomicLong pp = activePpp.computeIfAbsent(r.name(), k -> new AtomicLong());
      Gauge.builder("mikrotik_active_users_hotspot", hs, AtomicLong::get).tags(t)
          .description("Active hotspot sessions on the router").register(registry);
      Gauge.builder("mikrotik_active_users_pppoe", pp, AtomicLong::get).tags(t)
          .description("Active PPP sessions on the router").register(registry);
    }
    var cache = routers.cache();
    FunctionCounter.builder("mikrotik_cache_hits_total", cache, c -> c.stats().hitCount()).register(registry);
    FunctionCounter.builder("mikrotik_cache_misses_total", cache, c -> c.stats().missCount()).register(registry);
    FunctionCounter.builder("mikrotik_cache_evictions_total", cache, c -> c.stats().evictionCount()).register(registry);
    Gauge.builder("mikrotik_cache_size", cache, c -> c.size()).register(registry);
  }

  /** Counts active sessions on every router now and then every {@code interval}. */
  public void start(Duration interval) {
    poller = routers.group().scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void poll() {
    for (Router r : routers.all()) {
      count(r, "/ip/hotspot/active/print", activeHotspot.get(r.name()));
      count(r, "/ppp/active/print", activePpp.get(r.name()));
    }
  }

  private static void count(Router r, String path, AtomicLong into) {
    try {
      r.execute(RouterRequest.of(Command.of(path, "=count-only=")).withPriority(io.mikrobill.routeros.flow.Priority.LOW))
          .whenComplete((res, e) -> {
            if (e == null && res.ret() != null) {
              into.set(Long.parseLong(res.ret()));
            } else if (e != null) {
              LOG.debug("router={} cannot count {}: {}", r.name(), path, e.toString());
            }
          });
    } catch (RuntimeException e) {
      LOG.debug("router={} cannot count {}: {}", r.name(), path, e.toString());
    }
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.cancel(false);
    }
  }
}
