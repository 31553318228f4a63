package io.mikrobill.jms;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a route's consumer while any router's circuit breaker is not closed, and starts it again
 * when all are: messages wait in the broker instead of using up their redeliveries while a router
 * is down. A half-open breaker keeps the consumer paused: the policy sends the breaker's probe
 * itself (a cheap read through the router's door) every second while it is half-open, so a
 * message is never the probe that fails. It follows each breaker's own transitions (whatever
 * CIRCUIT_BREAKER_MONITORING says) and acts on a thread of its own, never on the router's I/O
 * threads that make the transitions.
 */
public final class BreakerPausePolicy extends RoutePolicySupport {

  private static final Logger LOG = LoggerFactory.getLogger(BreakerPausePolicy.class);

  private final RouterRegistry routers;
  private ScheduledExecutorService worker;
  private volatile boolean active;
  private boolean paused;

  public BreakerPausePolicy(RouterRegistry routers) {
    this.routers = routers;
  }

  @Override
  public synchronized void onStart(Route route) {
    active = true;
    worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "breaker-pause-" + route.getRouteId());
      t.setDaemon(true);
      return t;
    });
    ScheduledExecutorService w = worker;
    for (Router r : routers.all()) {
      r.breaker().getEventPublisher().onStateTransition(e -> {
        if (active && !w.isShutdown()) {
          w.execute(() -> apply(route));
        }
      });
    }
    w.scheduleWithFixedDelay(() -> {
      routers.all().stream().filter(r -> r.breaker().getState() == CircuitBreaker.State.HALF_OPEN).forEach(Router::probe);
      apply(route);
    }, 1, 1, TimeUnit.SECONDS);
    w.execute(() -> apply(route));
  }

  @Override
  public synchronized void onStop(Route route) {
    active = false;
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
  }

  /** Whether the consumer is paused now. */
  public synchronized boolean isPaused() {
    return paused;
  }

  private void apply(Route route) {
    if (!active) {
      return;
    }
    try {
      synchronized (this) {
        // Read the states under the lock, so two transitions racing cannot leave a stale verdict last.
        boolean anyOpen = routers.all().stream().anyMatch(Router::isBreakerNotClosed);
        if (anyOpen && !paused) {
          LOG.warn("route={} paused: a router's circuit breaker is open; messages wait in the broker", route.getRouteId());
          stopConsumer(route.getConsumer());
          paused = true;
        } else if (!anyOpen && paused) {
          startConsumer(route.getConsumer());
          paused = false;
          LOG.info("route={} resumed: no circuit breaker is open", route.getRouteId());
        }
      }
    } catch (Exception e) {
      LOG.warn("route={} cannot pause or resume its consumer: {}", route.getRouteId(), e.toString());
    }
  }
}
