package io.mikrobill.routeros.router;

import io.mikrobill.routeros.cache.CacheOptions;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.flow.RateLimiterOptions;
import io.mikrobill.routeros.flow.RequestQueueOptions;
import io.mikrobill.routeros.pool.PoolOptions;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.mikrobill.config.SettingsReader;
import java.util.function.Function;

/**
 * Reads the guide's variables into router settings. {@code MIKROTIK_HOST}, {@code MIKROTIK_PORT},
 * {@code MIKROTIK_USERNAME}, {@code MIKROTIK_PASSWORD}, {@code MIKROTIK_TIMEOUT} configure the
 * router named {@code default}; {@code MIKROTIK_ROUTERS=main,branch} adds routers whose variables
 * carry their name: {@code MIKROTIK_MAIN_HOST}, {@code MIKROTIK_MAIN_PORT}... Pool, limiter,
 * queue and breaker variables apply to every router, and may be set per router the same way
 * ({@code MIKROTIK_MAIN_MAX_CONNECTIONS}). Durations are in milliseconds. A bad value is refused
 * with its name, never replaced by a default.
 */
public final class RouterConfiguration {

  private final Function<String, String> lookup;
  private final SettingsReader settings;

  public RouterConfiguration(Function<String, String> lookup) {
    this.lookup = lookup;
    this.settings = new SettingsReader(lookup);
  }

  /** The routers to configure: {@code default} when {@code MIKROTIK_HOST} or none else is set. */
  public Map<String, RouterSettings> routers() {
    Map<String, RouterSettings> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    String extra = get("MIKROTIK_ROUTERS");
    if (extra != null) {
      for (String n : extra.split(",")) {
        if (!n.isBlank()) {
          names.add(n.trim());
        }
      }
    }
    if (!names.contains("default")) {
      names.add(0, "default");
    }
    for (String n : names) {
      out.put(n, router(n));
    }
    return out;
  }

  public RouterSettings router(String name) {
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("router name must be 1 to 64 letters, digits, '_' or '-', was '" + name + "'");
    }
    String p = name.equals("default") ? "MIKROTIK_" : "MIKROTIK_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    ClientOptions.Builder c = ClientOptions.builder().name(name)
        .host(orDefault(p + "HOST", "127.0.0.1"))
        .username(orDefault(p + "USERNAME", ClientOptions.DEFAULT_USERNAME))
        .password(orDefault(p + "PASSWORD", ""))
        .tls(settings.bool(p + "TLS", false))
        .tlsTrustAll(settings.bool(p + "TLS_TRUST_ALL", false))
        .commandTimeout(settings.millis(p + "TIMEOUT", ClientOptions.DEFAULT_COMMAND_TIMEOUT))
        .connectTimeout(settings.millis(p + "CONNECT_TIMEOUT", ClientOptions.DEFAULT_CONNECT_TIMEOUT));
    if (get(p + "PORT") != null) {
      c.port(settings.integer(p + "PORT", 0));
    }
    String charset = get(p + "CHARSET");
    if (charset != null) {
      try {
        c.charset(Charset.forName(charset));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(p + "CHARSET: unknown charset '" + charset + "'");
      }
    }
    // A router's own MIKROTIK_NAME_KEY wins over the global KEY, which wins over the default.
    SettingsReader r = new SettingsReader(key -> scoped(name, p, key));
    PoolOptions pool = PoolOptions.builder()
        .enabled(r.bool("ENABLE_CONNECTION_POOLING", PoolOptions.DEFAULT_ENABLED))
        .maxConnections(r.integer("MAX_CONNECTIONS", PoolOptions.DEFAULT_MAX_CONNECTIONS))
        .minConnections(r.integer("MIN_CONNECTIONS", PoolOptions.DEFAULT_MIN_CONNECTIONS))
        .healthCheckInterval(r.millis("HEALTH_CHECK_INTERVAL", PoolOptions.DEFAULT_HEALTH_CHECK_INTERVAL))
        .acquireTimeout(r.millis("ACQUIRE_TIMEOUT", PoolOptions.DEFAULT_ACQUIRE_TIMEOUT))
        .idleTimeout(r.millis("IDLE_TIMEOUT", PoolOptions.DEFAULT_IDLE_TIMEOUT))
        .maxInFlightPerConnection(r.integer("MAX_IN_FLIGHT_PER_CONNECTION", PoolOptions.DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION))
        .build();
    RateLimiterOptions limiter = new RateLimiterOptions(
        r.bool("ENABLE_RATE_LIMITING", true),
        r.integer("RATE_LIMIT_BUCKET_SIZE", (int) RateLimiterOptions.DEFAULT_BUCKET_SIZE),
        r.integer("RATE_LIMIT_REFILL_RATE", (int) RateLimiterOptions.DEFAULT_REFILL_RATE),
        r.millis("RATE_LIMIT_REFILL_INTERVAL", RateLimiterOptions.DEFAULT_REFILL_INTERVAL),
        r.integer("MAX_RATE_LIMIT_QUEUE", RateLimiterOptions.DEFAULT_MAX_QUEUE),
        r.bool("ENABLE_PRIORITY_QUEUE", true));
    RequestQueueOptions queue = new RequestQueueOptions(
        r.bool("ENABLE_REQUEST_QUEUE", true),
        r.integer("REQUEST_QUEUE_MAX_SIZE", RequestQueueOptions.DEFAULT_MAX_SIZE),
        r.integer("MAX_CONCURRENCY", RequestQueueOptions.DEFAULT_MAX_CONCURRENCY),
        r.bool("ENABLE_QUEUE_PRIORITY", true),
        r.bool("ENABLE_BATCHING", false),
        r.integer("BATCH_SIZE", RequestQueueOptions.DEFAULT_BATCH_SIZE));
    BreakerOptions breaker = new BreakerOptions(
        r.bool("ENABLE_CIRCUIT_BREAKER", true),
        r.integer("CIRCUIT_BREAKER_THRESHOLD", BreakerOptions.DEFAULT_THRESHOLD),
        r.millis("CIRCUIT_BREAKER_TIMEOUT", BreakerOptions.DEFAULT_TIMEOUT),
        r.bool("CIRCUIT_BREAKER_MONITORING", true));
    return new RouterSettings(c.build(), pool, limiter, queue, breaker);
  }

  /** The cache, shared by every router. */
  public CacheOptions cache() {
    return new CacheOptions(
        settings.bool("ENABLE_CACHING", true),
        settings.integer("CACHE_MAX_SIZE", (int) CacheOptions.DEFAULT_MAX_SIZE),
        settings.millis("CACHE_DEFAULT_TTL", CacheOptions.DEFAULT_TTL),
        settings.bool("ENABLE_CACHE_INTEGRITY", true));
  }

  /** Whether {@code MIKROTIK_HOST} is set, i.e. a real router is configured as default. */
  public boolean hasConfiguredDefaultRouter() {
    return get("MIKROTIK_HOST") != null;
  }

  private String get(String key) {
    String v = lookup.apply(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private String orDefault(String key, String def) {
    String v = lookup.apply(key);
    return v == null ? def : v;
  }

  // A per-router variable wins over the global one; the global one over the default.
  private String scoped(String router, String prefix, String key) {
    if (!router.equals("default")) {
      String own = get(prefix + key);
      if (own != null) {
        return own;
      }
    }
    return get(key);
  }
}
