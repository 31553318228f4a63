package io.mikrobill.camel;

import io.mikrobill.routeros.cache.CacheOptions;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterSettings;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** A simulator, a router registry pointing at it, and a Camel context with both bound. */
final class CamelRouterFixture implements AutoCloseable {

  static final String PASSWORD = "secret";

  final RouterOsSimulator sim;
  final RouterRegistry registry;
  final CamelContext context;

  CamelRouterFixture(UnaryOperator<RouterSettings> settings, CacheOptions cache) {
    sim = new RouterOsSimulator(SimulatorOptions.forTests().password(PASSWORD).build());
    sim.start();
    registry = new RouterRegistry(cache, Clock.systemUTC(), PoolMetrics.NONE);
    registry.add(settings.apply(RouterSettings.of(client())));
    registry.start().join();
    context = new DefaultCamelContext();
    RouterOsComponent.bind(context, registry);
  }

  CamelRouterFixture() {
    this(UnaryOperator.identity(), CacheOptions.defaults());
  }

  ClientOptions client() {
    return ClientOptions.builder().name("default").host("127.0.0.1").port(sim.port()).username("admin").password(PASSWORD)
        .commandTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)).build();
  }

  @Override
  public void close() {
    context.stop();
    registry.close();
    sim.close();
  }
}
