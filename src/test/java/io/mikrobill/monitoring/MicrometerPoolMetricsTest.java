package io.mikrobill.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mikrobill.routeros.PoolExhaustedException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.pool.ConnectionPool;
import io.mikrobill.routeros.pool.Lease;
import io.mikrobill.routeros.pool.PoolListener;
import io.mikrobill.routeros.pool.PoolOptions;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Micrometer adapter fed by a real pool talking to the simulator. */
@Timeout(30)
class MicrometerPoolMetricsTest {

  private final NioEventLoopGroup group = new NioEventLoopGroup(2);

  @AfterEach
  void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void shouldRecordAcquireTimesTimeoutsAndConnectionsTaggedByRouter() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RouterOsSimulator sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").build())) {
      sim.start();
      ClientOptions client = ClientOptions.builder().name("sim").host("127.0.0.1").port(sim.port()).password("pw").build();
      PoolOptions options = PoolOptions.builder().minConnections(1).maxConnections(1).maxInFlightPerConnection(1)
          .acquireTimeout(Duration.ofMillis(200)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
      try (ConnectionPool pool = new ConnectionPool(client, options, group, PoolListener.NONE, new MicrometerPoolMetrics(registry))) {
        pool.start().get(5, TimeUnit.SECONDS);
        assertThat(counter(registry, "mikrotik_pool_connections_opened_total")).isEqualTo(1);

        Lease held = pool.acquire().get(5, TimeUnit.SECONDS);
        Timer acquire = registry.get("mikrotik_pool_acquire_seconds").tag("router", "sim").timer();
        assertThat(acquire.count()).isEqualTo(1);

        CompletableFuture<Lease> timedOut = pool.acquire();
        await().until(timedOut::isDone);
        assertThat(timedOut.exceptionNow()).isInstanceOf(PoolExhaustedException.class);
        assertThat(counter(registry, "mikrotik_pool_acquire_timeouts_total")).isEqualTo(1);

        CompletableFuture<Lease> waiting = pool.acquire();
        held.release();
        waiting.get(5, TimeUnit.SECONDS).release();
        assertThat(acquire.count()).as("the immediate acquire and the one that waited").isEqualTo(2);
        assertThat(acquire.max(TimeUnit.NANOSECONDS)).as("the wait of the one that waited").isPositive();

        sim.close();
        await().until(() -> counter(registry, "mikrotik_pool_connect_failures_total") >= 1);
        assertThat(counter(registry, "mikrotik_pool_connections_closed_total")).isEqualTo(1);
        assertThat(pool.acquire()).isCompletedExceptionally();
        assertThat(counter(registry, "mikrotik_pool_acquire_failed_fast_total")).isEqualTo(1);
        assertThat(counter(registry, "mikrotik_pool_acquire_timeouts_total")).as("unchanged").isEqualTo(1);
      }
    }
  }

  @Test
  void shouldExposeTheGuideNamesToPrometheus() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerPoolMetrics metrics = new MicrometerPoolMetrics(prometheus);
    metrics.acquired("r1", TimeUnit.MILLISECONDS.toNanos(3));
    metrics.acquireTimedOut("r1");
    metrics.acquireTimedOut("r2");
    String scrape = prometheus.scrape();
    assertThat(scrape).contains("mikrotik_pool_acquire_seconds_count{router=\"r1\"} 1")
        .contains("mikrotik_pool_acquire_timeouts_total{router=\"r1\"} 1.0")
        .contains("mikrotik_pool_acquire_timeouts_total{router=\"r2\"} 1.0")
        .doesNotContain("seconds_seconds").doesNotContain("total_total");
  }

  private static double counter(SimpleMeterRegistry registry, String name) {
    Counter c = registry.find(name).tag("router", "sim").counter();
    return c == null ? 0 : c.count();
  }
}
