package io.mikrobill.routeros.router;

import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.flow.RateLimiterOptions;
import io.mikrobill.routeros.flow.RequestQueueOptions;
import io.mikrobill.routeros.pool.PoolOptions;

/** Everything about how to reach and protect one router. */
public record RouterSettings(
    ClientOptions client,
    PoolOptions pool,
    RateLimiterOptions rateLimiter,
    RequestQueueOptions requestQueue,
    BreakerOptions breaker) {

  /** Defaults everywhere but the connection. */
  public static RouterSettings of(ClientOptions client) {
    return new RouterSettings(client, PoolOptions.defaults(), RateLimiterOptions.defaults(),
        RequestQueueOptions.defaults(), BreakerOptions.defaults());
  }

  public RouterSettings withPool(PoolOptions p) {
    return new RouterSettings(client, p, rateLimiter, requestQueue, breaker);
  }

  public RouterSettings withRateLimiter(RateLimiterOptions r) {
    return new RouterSettings(client, pool, r, requestQueue, breaker);
  }

  public RouterSettings withRequestQueue(RequestQueueOptions q) {
    return new RouterSettings(client, pool, rateLimiter, q, breaker);
  }

  public RouterSettings withBreaker(BreakerOptions b) {
    return new RouterSettings(client, pool, rateLimiter, requestQueue, b);
  }
}
