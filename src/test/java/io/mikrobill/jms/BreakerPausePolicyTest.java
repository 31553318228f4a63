package io.mikrobill.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.cache.CacheOptions;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterSettings;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The consumer of a route under the policy stops while a breaker is open and starts again after. */
@Timeout(30)
class BreakerPausePolicyTest {

  @Test
  void shouldPauseTheConsumerWhileABreakerIsOpenAndResumeWhenItCloses() throws Exception {
    try (RouterRegistry routers = new RouterRegistry(CacheOptions.defaults(), Clock.systemUTC(), PoolMetrics.NONE);
        DefaultCamelContext context = new DefaultCamelContext()) {
      routers.add(RouterSettings.of(ClientOptions.builder().name("default").host("127.0.0.1").port(1).build()));
      List<String> seen = new CopyOnWriteArrayList<>();
      BreakerPausePolicy policy = new BreakerPausePolicy(routers);
      context.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("seda:requests").routeId("requests").routePolicy(policy).process(e -> seen.add(e.getMessage().getBody(String.class)));
        }
      });
      context.start();
      ProducerTemplate t = context.createProducerTemplate();
      t.sendBody("seda:requests", "before");
      await().until(() -> seen.contains("before"));

      routers.get("default").breaker().transitionToOpenState();
      await().until(policy::isPaused);
      assertThat(context.getRoute("requests").getConsumer()).matches(c -> ((org.apache.camel.StatefulService) c).getStatus() != ServiceStatus.Started);
      t.sendBody("seda:requests", "while-open");
      await().during(java.time.Duration.ofMillis(500)).atMost(java.time.Duration.ofSeconds(2))
          .until(() -> !seen.contains("while-open"));

      routers.get("default").breaker().transitionToClosedState();
      await().until(() -> !policy.isPaused());
      await().until(() -> seen.contains("while-open"));
      assertThat(seen).containsExactly("before", "while-open");
    }
  }
}
