package io.mikrobill.routeros.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterConfigurationTest {

  private static RouterConfiguration config(Map<String, String> env) {
    return new RouterConfiguration(env::get);
  }

  @Test
  void shouldConfigureTheDefaultRouterFromTheGuidesVariables() {
    RouterSettings s = config(Map.of(
        "MIKROTIK_HOST", "10.0.0.1", "MIKROTIK_PORT", "8729", "MIKROTIK_USERNAME", "api",
        "MIKROTIK_PASSWORD", "pw", "MIKROTIK_TIMEOUT", "1500")).routers().get("default");
    assertThat(s.client().host()).isEqualTo("10.0.0.1");
    assertThat(s.client().port()).isEqualTo(8729);
    assertThat(s.client().username()).isEqualTo("api");
    assertThat(s.client().password()).isEqualTo("pw");
    assertThat(s.client().commandTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void shouldReadEverySettingOfPoolLimiterQueueAndBreaker() {
    RouterConfiguration c = config(Map.ofEntries(
        Map.entry("ENABLE_CONNECTION_POOLING", "false"), Map.entry("MAX_CONNECTIONS", "7"), Map.entry("MIN_CONNECTIONS", "0"),
        Map.entry("HEALTH_CHECK_INTERVAL", "1234"), Map.entry("ACQUIRE_TIMEOUT", "2345"), Map.entry("IDLE_TIMEOUT", "3456"),
        Map.entry("ENABLE_RATE_LIMITING", "false"), Map.entry("RATE_LIMIT_BUCKET_SIZE", "50"), Map.entry("RATE_LIMIT_REFILL_RATE", "5"),
        Map.entry("RATE_LIMIT_REFILL_INTERVAL", "200"), Map.entry("MAX_RATE_LIMIT_QUEUE", "9"), Map.entry("ENABLE_PRIORITY_QUEUE", "false"),
        Map.entry("ENABLE_REQUEST_QUEUE", "false"), Map.entry("REQUEST_QUEUE_MAX_SIZE", "11"), Map.entry("MAX_CONCURRENCY", "3"),
        Map.entry("ENABLE_QUEUE_PRIORITY", "false"), Map.entry("ENABLE_BATCHING", "true"), Map.entry("BATCH_SIZE", "4"),
        Map.entry("ENABLE_CIRCUIT_BREAKER", "false"), Map.entry("CIRCUIT_BREAKER_THRESHOLD", "8"), Map.entry("CIRCUIT_BREAKER_TIMEOUT", "999"),
        Map.entry("CIRCUIT_BREAKER_MONITORING", "false"),
        Map.entry("ENABLE_CACHING", "false"), Map.entry("CACHE_MAX_SIZE", "12"), Map.entry("CACHE_DEFAULT_TTL", "13"),
        Map.entry("ENABLE_CACHE_INTEGRITY", "false")));
    RouterSettings s = c.router("default");
    assertThat(s.pool().enabled()).isFalse();
    assertThat(s.pool().maxConnections()).as("pooling off means one connection").isEqualTo(1);
    assertThat(s.pool().healthCheckInterval()).isEqualTo(Duration.ofMillis(1234));
    assertThat(s.pool().acquireTimeout()).isEqualTo(Duration.ofMillis(2345));
    assertThat(s.pool().idleTimeout()).isEqualTo(Duration.ofMillis(3456));
    assertThat(s.rateLimiter()).isEqualTo(new io.mikrobill.routeros.flow.RateLimiterOptions(false, 50, 5, Duration.ofMillis(200), 9, false));
    assertThat(s.requestQueue()).isEqualTo(new io.mikrobill.routeros.flow.RequestQueueOptions(false, 11, 3, false, true, 4));
    assertThat(s.breaker()).isEqualTo(new BreakerOptions(false, 8, Duration.ofMillis(999), false));
    assertThat(c.cache()).isEqualTo(new io.mikrobill.routeros.cache.CacheOptions(false, 12, Duration.ofMillis(13), false));
  }

  @Test
  void shouldAddNamedRoutersWithTheirOwnVariablesAndInheritTheRest() {
    RouterConfiguration c = config(Map.of(
        "MIKROTIK_ROUTERS", "main, branch-2", "MIKROTIK_MAIN_HOST", "10.1.1.1", "MIKROTIK_BRANCH_2_HOST", "10.2.2.2",
        "MIKROTIK_BRANCH_2_MAX_CONNECTIONS", "2", "MAX_CONNECTIONS", "9"));
    Map<String, RouterSettings> routers = c.routers();
    assertThat(routers).containsOnlyKeys("default", "main", "branch-2");
    assertThat(routers.get("main").client().host()).isEqualTo("10.1.1.1");
    assertThat(routers.get("main").pool().maxConnections()).isEqualTo(9);
    assertThat(routers.get("branch-2").pool().maxConnections()).isEqualTo(2);
  }

  @Test
  void shouldRefuseBadValuesNamingTheVariable() {
    assertThatThrownBy(() -> config(Map.of("MAX_CONNECTIONS", "lots")).router("default"))
        .hasMessageContaining("MAX_CONNECTIONS").hasMessageContaining("lots");
    assertThatThrownBy(() -> config(Map.of("ENABLE_CACHING", "maybe")).cache())
        .hasMessageContaining("ENABLE_CACHING").hasMessageContaining("maybe");
    assertThatThrownBy(() -> config(Map.of("ACQUIRE_TIMEOUT", "-5")).router("default"))
        .hasMessageContaining("ACQUIRE_TIMEOUT").hasMessageContaining("-5");
    assertThatThrownBy(() -> config(Map.of("MIKROTIK_ROUTERS", "bad name")).routers())
        .hasMessageContaining("bad name");
  }
}
