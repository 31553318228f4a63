package io.mikrobill.routeros.router;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.mikrobill.routeros.Failures;
import io.mikrobill.routeros.RateLimitExceededException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.cache.CacheKey;
import io.mikrobill.routeros.cache.ReadCache;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.flow.Priority;
import io.mikrobill.routeros.flow.RateLimiter;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.flow.RequestQueue;
import io.mikrobill.routeros.pool.ConnectionPool;
import io.mikrobill.routeros.pool.PoolListener;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One router as the pipeline sees it: a request passes its token bucket (by priority), then its
 * request queue (bounded concurrency, batching), then takes a share of a pooled connection. Reads
 * may be served from the shared cache; writes invalidate the cached reads of their menu group.
 *
 * <p>This is the one door to the router: routes (through the {@code routeros:} producer), the
 * request applier, profile checks and metric polling all call {@link #execute}. The circuit
 * breaker is applied here, around the asynchronous call ({@code decorateCompletionStage}), so no
 * thread waits while the router answers and every caller is guarded by this router's own breaker.
 */
public final class Router implements AutoCloseable {

  private final RouterSettings settings;
  private final ConnectionPool pool;
  private final RateLimiter limiter;
  private final RequestQueue queue;
  private final ReadCache cache;
  private final CircuitBreaker breaker;
  private final RouterEvents events;

  Router(RouterSettings settings, EventLoopGroup group, ReadCache cache, RouterEvents events, PoolMetrics metrics) {
    this.settings = settings;
    this.cache = cache;
    this.events = events;
    String name = settings.client().name();
    this.pool = new ConnectionPool(settings.client(), settings.pool(), group, new PoolListener() {
      @Override
      public void available(String router) {
        events.publish(RouterEvent.AVAILABLE, router, Map.of());
      }

      @Override
      public void unavailable(String router, Throwable cause) {
        events.publish(RouterEvent.UNAVAILABLE, router, Map.of("reason", cause == null ? "closed" : String.valueOf(cause.getMessage())));
      }
    }, metrics);
    this.limiter = new RateLimiter(name, settings.rateLimiter(), group, (router, priority, queued) ->
        events.publish(RouterEvent.RATE_LIMIT_EXCEEDED, router, Map.of("priority", priority.wireName(), "queued", String.valueOf(queued))));
    this.queue = new RequestQueue(name, settings.requestQueue());
    this.breaker = CircuitBreaker.of("routeros-breaker-" + name, breakerConfig(settings.breaker()));
    if (!settings.breaker().enabled()) {
      // ENABLE_CIRCUIT_BREAKER=false: execute keeps its breaker, which then always lets calls through.
      breaker.transitionToDisabledState();
    }
    if (settings.breaker().monitoring()) {
      breaker.getEventPublisher().onStateTransition(e -> events.publish(RouterEvent.BREAKER_STATE_CHANGE, name,
          Map.of("from", e.getStateTransition().getFromState().name(), "to", e.getStateTransition().getToState().name())));
    }
  }

  private static CircuitBreakerConfig breakerConfig(BreakerOptions o) {
    int window = Math.max(o.threshold(), 1);
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(window)
        .minimumNumberOfCalls(window)
        .failureRateThreshold(100f)
        .waitDurationInOpenState(o.openTimeout())
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .ignoreException(Router::isAlreadyCountedLoss)
        .recordException(Router::isRouterFault)
        .build();
  }

  /**
   * A lost connection fails every command pipelined on it at once; with many in flight, counting
   * each would open the breaker on one drop. The first failure of a loss counts, the others are
   * ignored (neither failure nor success). The breaker asks this once per failed call, before
   * {@link #isRouterFault}; the first asker claims the loss.
   */
  static boolean isAlreadyCountedLoss(Throwable t) {
    Throwable c = Failures.unwrap(t);
    return isRouterFault(c) && c instanceof RouterOsException r && r.connectionLoss() != null
        && !r.connectionLoss().countOnce();
  }

  /** Faults of the router or the path to it count against the breaker; refusals of bad input do not. */
  static boolean isRouterFault(Throwable t) {
    Throwable c = Failures.unwrap(t);
    return c instanceof RouterOsException r && r.isTransient() && !(r instanceof RateLimitExceededException);
  }

  public String name() {
    return settings.client().name();
  }

  public RouterSettings settings() {
    return settings;
  }

  public ClientOptions client() {
    return settings.client();
  }

  public ConnectionPool pool() {
    return pool;
  }

  public RateLimiter limiter() {
    return limiter;
  }

  public RequestQueue queue() {
    return queue;
  }

  /** The breaker {@link #execute} applies around every call to this router. */
  public CircuitBreaker breaker() {
    return breaker;
  }

  /** Closes an open breaker by hand, after the operator fixed the router. */
  public void resetBreaker() {
    if (settings.breaker().enabled()) {
      breaker.reset();
    }
  }

  public CompletableFuture<Void> start() {
    return pool.start();
  }

  /** Whether the breaker refuses calls now (open or forced open; half-open lets a probe through). */
  public boolean isBreakerOpen() {
    CircuitBreaker.State s = breaker.getState();
    return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN;
  }

  /** Whether the breaker is anything but closed (or disabled): open, forced open or half-open. */
  public boolean isBreakerNotClosed() {
    CircuitBreaker.State s = breaker.getState();
    return s != CircuitBreaker.State.CLOSED && s != CircuitBreaker.State.DISABLED;
  }

  /**
   * Sends the half-open breaker's probe: a cheap read through the door, so the breaker closes
   * (or opens again) without a real request being the probe.
   */
  public CompletableFuture<CommandResult> probe() {
    return execute(RouterRequest.of(Command.of("/system/identity/print")).withPriority(Priority.CRITICAL));
  }

  /**
   * Runs a request inside the breaker, then through limiter, queue and pool (and cache for
   * reads). An open breaker fails the call at once with resilience4j's CallNotPermittedException.
   */
  public CompletableFuture<CommandResult> execute(RouterRequest request) {
    return breaker.decorateCompletionStage(() -> unguarded(request)).get().toCompletableFuture();
  }

  private CompletableFuture<CommandResult> unguarded(RouterRequest request) {
    Duration timeout = request.timeout() != null ? request.timeout() : settings.client().commandTimeout();
    if (request.isRead()) {
      if (request.useCache()) {
        String key = request.cacheKey() != null ? request.cacheKey() : request.command().toString();
        return cache.read(CacheKey.of(name(), request.command().menu(), key), request.cacheTtl(), () -> send(request, timeout, null));
      }
      return send(request, timeout, null);
    }
    // Invalidate when the write ends: a read that overlaps the write may see either state, a
    // read that starts after it must see it; the cache's versions make sure no read that started
    // before the end stores what the write replaced.
    String menu = request.command().menu();
    return send(request, timeout, menu).whenComplete((r, e) -> cache.invalidate(name(), menu));
  }

  private CompletableFuture<CommandResult> send(RouterRequest request, Duration timeout, String writeMenu) {
    return limiter.acquire(request.priority())
        .thenCompose(v -> queue.submit(request.priority(), writeMenu, () -> pool.execute(request.command(), timeout)));
  }

  @Override
  public void close() {
    pool.close();
  }
}
