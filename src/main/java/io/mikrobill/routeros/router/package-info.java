/**
 * The one door to each router: {@link io.mikrobill.routeros.router.Router#execute} applies the
 * router's circuit breaker around the asynchronous call, then its cache (reads), token bucket,
 * request queue and connection pool. Every caller (the {@code routeros:} producer, the request
 * applier, the HTTP reads, profile checks, metric polling) passes through it.
 */
package io.mikrobill.routeros.router;
