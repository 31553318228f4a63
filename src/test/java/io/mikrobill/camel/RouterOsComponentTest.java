package io.mikrobill.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.router.RouterEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RouterOsComponentTest {

  private CamelRouterFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private ProducerTemplate started() {
    f.context.start();
    return f.context.createProducerTemplate();
  }

  @Test
  void shouldAddAHotspotUserFromAMapBodyAndReturnItsId() {
    f = new CamelRouterFixture();
    Exchange out = started().request("routeros:default/ip/hotspot/user/add?attr.comment=from-uri", e ->
        e.getMessage().setBody(Map.of("name", "alice", "password", "secret123", "profile", "default", "limit-uptime", "1h")));

    assertThat(out.getException()).isNull();
    String id = out.getMessage().getBody(String.class);
    assertThat(id).startsWith("*");
    assertThat(out.getMessage().getHeader(RouterOsConstants.RET)).isEqualTo(id);
    assertThat(f.sim.hotspotUsers()).singleElement().satisfies(u -> assertThat(u)
        .containsEntry(".id", id).containsEntry("name", "alice").containsEntry("profile", "default")
        .containsEntry("limit-uptime", "1h").containsEntry("comment", "from-uri"));
  }

  @Test
  void shouldPrintWithQueriesAndProplistFromHeaders() {
    f = new CamelRouterFixture();
    ProducerTemplate t = started();
    for (String n : List.of("a1", "b2", "c3")) {
      t.requestBody("routeros:default/ip/hotspot/user/add", Map.of("name", n, "password", "secret123"));
    }
    @SuppressWarnings("unchecked")
    List<Map<String, String>> rows = t.requestBodyAndHeaders("routeros:default/ip/hotspot/user/print", null,
        Map.of(RouterOsConstants.QUERIES, "?name=b2", RouterOsConstants.PROPLIST, "name,profile"), List.class);
    assertThat(rows).containsExactly(Map.of("name", "b2", "profile", "default"));
  }

  @Test
  void shouldFailWithTheRoutersTrapInHeadersWhenTheUserExists() {
    f = new CamelRouterFixture();
    ProducerTemplate t = started();
    t.requestBody("routeros:default/ip/hotspot/user/add", Map.of("name", "dup", "password", "secret123"));
    Exchange out = t.request("routeros:default/ip/hotspot/user/add", e -> e.getMessage().setBody(Map.of("name", "dup", "password", "x")));

    assertThat(out.getException()).isInstanceOf(RouterOsTrapException.class);
    assertThat(out.getMessage().getHeader(RouterOsConstants.TRAP_MESSAGE, String.class))
        .isEqualTo("failure: already have user with this name for this server");
    assertThat(out.getMessage().getHeader(RouterOsConstants.ERROR_TYPE)).isEqualTo("trap");
    assertThat(f.sim.hotspotUsers()).hasSize(1);
  }

  @Test
  void shouldServeRepeatedReadsFromTheCacheAndNeverAStaleReadAfterAWrite() {
    f = new CamelRouterFixture();
    ProducerTemplate t = started();
    String uri = "routeros:default/ip/hotspot/user/print?useCache=true&proplist=name";
    assertThat(t.requestBody(uri, null, List.class)).isEmpty();
    long served = f.sim.commandsServed();
    assertThat(t.requestBody(uri, null, List.class)).isEmpty();
    assertThat(f.sim.commandsServed()).as("second read served from the cache").isEqualTo(served);

    t.requestBody("routeros:default/ip/hotspot/user/add", Map.of("name", "fresh", "password", "secret123"));
    assertThat(t.requestBody(uri, null, List.class)).containsExactly(Map.of("name", "fresh"));
    assertThat(f.registry.cache().stats().hitCount()).isEqualTo(1);
  }

  @Test
  void shouldBypassTheCacheWhenTheHeaderSaysSo() {
    f = new CamelRouterFixture();
    ProducerTemplate t = started();
    String uri = "routeros:default/system/identity/print?useCache=true";
    t.requestBody(uri, null, List.class);
    long served = f.sim.commandsServed();
    t.requestBodyAndHeader(uri, null, RouterOsConstants.USE_CACHE, false, List.class);
    assertThat(f.sim.commandsServed()).isEqualTo(served + 1);
  }

  @Test
  void shouldRefuseAnUnknownRouterAndABadPriorityWithClearErrors() {
    f = new CamelRouterFixture();
    ProducerTemplate t = started();
    Exchange unknown = t.request("routeros:nowhere/system/identity/print", e -> { });
    assertThat(unknown.getException()).hasMessageContaining("unknown router 'nowhere'").hasMessageContaining("[default]");
    Exchange bad = t.request("routeros:default/system/identity/print", e -> e.getMessage().setHeader(RouterOsConstants.PRIORITY, "urgent"));
    assertThat(bad.getException()).hasMessageContaining("priority must be critical, high, normal or low, was 'urgent'");
  }

  @Test
  void shouldStreamAListenAndSubscribeAgainAfterTheRouterRestarts() throws Exception {
    f = new CamelRouterFixture();
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    f.context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("routeros:default/ip/hotspot/user/listen?resubscribeDelay=100").routeId("listen")
            .process(e -> seen.add(e.getMessage().getBody(Map.class)));
      }
    });
    ProducerTemplate t = started();
    RouterOsStreamConsumer consumer = (RouterOsStreamConsumer) f.context.getRoute("listen").getConsumer();
    await().until(() -> consumer.getSubscriptions() == 1);
    // The router may register the listen a moment after the subscription is sent: probe until seen.
    java.util.concurrent.atomic.AtomicInteger probe = new java.util.concurrent.atomic.AtomicInteger();
    await().until(() -> {
      String name = "before-" + probe.incrementAndGet();
      t.requestBody("routeros:default/ip/hotspot/user/add", Map.of("name", name, "password", "secret123"));
      return seen.stream().anyMatch(m -> String.valueOf(m.get("name")).startsWith("before-"));
    });

    f.sim.restart();
    await().until(() -> consumer.getSubscriptions() == 2);
    await().until(() -> {
      String name = "after-" + probe.incrementAndGet();
      t.requestBody("routeros:default/ip/hotspot/user/add", Map.of("name", name, "password", "secret123"));
      return seen.stream().anyMatch(m -> String.valueOf(m.get("name")).startsWith("after-"));
    });
  }

  @Test
  void shouldPublishRouterEventsToRoutes() throws Exception {
    f = new CamelRouterFixture();
    List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    f.context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("routeros:*/events").process(e -> events.add(e.getMessage().getBody(Map.class)));
      }
    });
    started();
    f.registry.get("default").breaker().transitionToOpenState();
    f.registry.get("default").resetBreaker();
    f.sim.close();
    await().until(() -> events.stream().anyMatch(e -> RouterEvent.UNAVAILABLE.equals(e.get("type"))));
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("type", RouterEvent.BREAKER_STATE_CHANGE)
        .containsEntry("from", "CLOSED").containsEntry("to", "OPEN").containsEntry("router", "default"));
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("type", RouterEvent.BREAKER_STATE_CHANGE)
        .containsEntry("from", "OPEN").containsEntry("to", "CLOSED"));
  }

  @Test
  void shouldReportReadinessPerRouter() {
    f = new CamelRouterFixture();
    started();
    f.context.getEndpoint("routeros:default/system/identity/print");
    HealthCheckRegistry hcr = HealthCheckRegistry.get(f.context);
    await().until(() -> hcr.getCheck("routeros-default").isPresent());
    HealthCheck check = (HealthCheck) hcr.getCheck("routeros-default").get();
    assertThat(check.isReadiness()).isTrue();
    assertThat(check.isLiveness()).isFalse();
    assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    f.sim.close();
    await().until(() -> !f.registry.get("default").pool().isAvailable());
    assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
  }

  @Test
  void shouldPublishInitializedAvailableAndRateLimitExceededEvents() throws Exception {
    List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    io.mikrobill.routeros.router.RouterEvents bus = null;
    f = new CamelRouterFixture(s -> s.withRateLimiter(new io.mikrobill.routeros.flow.RateLimiterOptions(true, 1, 1,
        java.time.Duration.ofSeconds(60), 1, true)), io.mikrobill.routeros.cache.CacheOptions.defaults());
    f.registry.events().subscribe(e -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>(e.details());
      m.put("type", e.type());
      events.add(m);
    });
    f.sim.restart();
    f.registry.start().join();
    ProducerTemplate t = started();
    for (int i = 0; i < 3; i++) {
      t.asyncRequestBody("routeros:default/system/identity/print", null);
    }
    await().until(() -> events.stream().anyMatch(e -> RouterEvent.RATE_LIMIT_EXCEEDED.equals(e.get("type"))));
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("type", RouterEvent.INITIALIZED).containsEntry("connected", "true"));
    await().until(() -> events.stream().anyMatch(e -> RouterEvent.AVAILABLE.equals(e.get("type"))));
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("type", RouterEvent.RATE_LIMIT_EXCEEDED).containsEntry("priority", "normal"));
  }

  @Test
  void shouldNeverOpenTheBreakerWhenItIsDisabledAndPublishNoTransitionsWithoutMonitoring() throws Exception {
    List<RouterEvent> events = new CopyOnWriteArrayList<>();
    f = new CamelRouterFixture(s -> s.withBreaker(new io.mikrobill.routeros.router.BreakerOptions(false, 1,
        java.time.Duration.ofMinutes(1), false)), io.mikrobill.routeros.cache.CacheOptions.defaults());
    f.registry.events().subscribe(events::add);
    var breaker = f.registry.get("default").breaker();
    for (int i = 0; i < 5; i++) {
      breaker.onError(0, java.util.concurrent.TimeUnit.NANOSECONDS, new io.mikrobill.routeros.RouterOsConnectionException("down"));
    }
    assertThat(breaker.tryAcquirePermission()).isTrue();
    assertThat(breaker.getState().name()).isEqualTo("DISABLED");
    assertThat(events).noneMatch(e -> e.type().equals(RouterEvent.BREAKER_STATE_CHANGE));
  }
}
