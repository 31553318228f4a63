package io.mikrobill.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.router.BreakerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kamelets in kamelets/, loaded from the file system as the application loads them. */
@Timeout(60)
class KameletTest {

  private CamelRouterFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private void useKameletsFolder() {
    f.context.getComponent("kamelet", KameletComponent.class).setLocation("file:kamelets");
  }

  @Test
  void shouldApplyAnActionThroughTheSinkKamelet() throws Exception {
    f = new CamelRouterFixture();
    useKameletsFolder();
    f.context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:add").to("kamelet:routeros-sink?router=default&command=ip/hotspot/user/add&priority=high");
      }
    });
    f.context.start();
    ProducerTemplate t = f.context.createProducerTemplate();
    String id = t.requestBody("direct:add", Map.of("name", "kam", "password", "secret123", "profile", "default"), String.class);
    assertThat(id).startsWith("*");
    assertThat(f.sim.hotspotUsers()).singleElement().satisfies(u -> assertThat(u).containsEntry("name", "kam"));

    Exchange dup = t.request("direct:add", e -> e.getMessage().setBody(Map.of("name", "kam", "password", "secret123")));
    assertThat(dup.getException()).isInstanceOf(RouterOsTrapException.class);
    assertThat(f.registry.get("default").breaker().getState().name())
        .as("a refusal of bad input is not a router fault").isEqualTo("CLOSED");
  }

  @Test
  void shouldOpenTheRoutersBreakerWhenTheRouterIsDownAndFailFastThen() throws Exception {
    f = new CamelRouterFixture(s -> s.withBreaker(new BreakerOptions(true, 2, Duration.ofMinutes(1), true))
        .withPool(io.mikrobill.routeros.pool.PoolOptions.builder().acquireTimeout(Duration.ofMillis(300)).build()),
        io.mikrobill.routeros.cache.CacheOptions.defaults());
    useKameletsFolder();
    f.context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:identity").to("kamelet:routeros-sink?command=system/identity/print");
      }
    });
    f.context.start();
    ProducerTemplate t = f.context.createProducerTemplate();
    assertThat(t.request("direct:identity", e -> { }).getException()).isNull();
    f.sim.close();
    await().until(() -> !f.registry.get("default").pool().isAvailable());
    for (int i = 0; i < 2; i++) {
      Exchange failed = t.request("direct:identity", e -> { });
      assertThat(failed.getException()).isNotNull();
    }
    assertThat(f.registry.get("default").breaker().getState().name()).isEqualTo("OPEN");
    long before = System.nanoTime();
    Exchange fast = t.request("direct:identity", e -> { });
    assertThat(fast.getException()).isInstanceOf(CallNotPermittedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - before)).as("an open breaker answers at once").isLessThan(Duration.ofMillis(250));
  }

  @Test
  void shouldStreamChangesThroughTheSourceKamelet() throws Exception {
    f = new CamelRouterFixture();
    useKameletsFolder();
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    f.context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("kamelet:routeros-source?command=ip/hotspot/user/listen&proplist=name,comment")
            .process(e -> seen.add(e.getMessage().getBody(Map.class)));
      }
    });
    f.context.start();
    ProducerTemplate t = f.context.createProducerTemplate();
    AtomicInteger n = new AtomicInteger();
    await().until(() -> {
      t.requestBody("routeros:default/ip/hotspot/user/add", Map.of("name", "src-" + n.incrementAndGet(), "password", "secret123"));
      return !seen.isEmpty();
    });
    assertThat(seen.get(0)).containsKey("name").doesNotContainKey("password");
  }
}
