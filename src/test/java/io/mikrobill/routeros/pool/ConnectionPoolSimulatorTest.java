package io.mikrobill.routeros.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool against the simulator: the router's own session limit, a router that goes and comes back. */
@Timeout(60)
class ConnectionPoolSimulatorTest {

  @Test
  void shouldReadMaxSessionsFromIpServiceAndStayUnderIt() throws Exception {
    NioEventLoopGroup group = new NioEventLoopGroup(2);
    try (RouterOsSimulator sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").maxSessions(3).build())) {
      sim.start();
      ClientOptions client = ClientOptions.builder().name("sim").host("127.0.0.1").port(sim.port()).password("pw").build();
      PoolOptions options = PoolOptions.builder().minConnections(1).maxConnections(10).maxInFlightPerConnection(1)
          .acquireTimeout(Duration.ofMillis(500)).build();
      try (ConnectionPool pool = new ConnectionPool(client, options, group, PoolListener.NONE, PoolMetrics.NONE)) {
        pool.start().get(5, TimeUnit.SECONDS);
        await().until(() -> pool.state().maxConnections() == 3);
        List<CompletableFuture<Lease>> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          leases.add(pool.acquire());
        }
        await().until(() -> leases.stream().allMatch(CompletableFuture::isDone));
        assertThat(leases.stream().filter(f -> !f.isCompletedExceptionally())).hasSize(3);
        assertThat(sim.connectionCount()).isEqualTo(3);
        leases.stream().filter(f -> !f.isCompletedExceptionally()).forEach(f -> f.join().release());

        CommandResult api = pool.execute(Command.of("/ip/service/print", "?name=api"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertThat(api.records()).singleElement().satisfies(r -> assertThat(r)
            .containsEntry("max-sessions", "3").containsEntry("port", String.valueOf(sim.port())));
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldFailFastWhileTheRouterIsDownAndReconnectWithinSecondsWhenItIsBack() throws Exception {
    NioEventLoopGroup group = new NioEventLoopGroup(2);
    AtomicInteger connectFailures = new AtomicInteger();
    PoolMetrics metrics = new PoolMetrics() {
      @Override
      public void connectFailed(String router) {
        connectFailures.incrementAndGet();
      }
    };
    RouterOsSimulator sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").build());
    int port = sim.start();
    ClientOptions client = ClientOptions.builder().name("default").host("127.0.0.1").port(port).password("pw").build();
    // The defaults: a 10 s acquire timeout, reconnects backing off from 250 ms to at most 5 s.
    try (ConnectionPool pool = new ConnectionPool(client, PoolOptions.defaults(), group, PoolListener.NONE, metrics)) {
      pool.start().get(5, TimeUnit.SECONDS);
      sim.close();
      await().until(() -> connectFailures.get() >= 1);

      long t0 = System.nanoTime();
      CompletableFuture<Lease> refused = pool.acquire();
      await().atMost(Duration.ofSeconds(1)).until(refused::isDone);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
      assertThat(refused.exceptionNow()).isInstanceOf(RouterOsConnectionException.class)
          .hasMessageContaining("router=default unreachable: cannot connect to 127.0.0.1:" + port)
          .hasMessageContaining("Connection refused")
          .hasMessageContaining("(retrying in ");

      // Down long enough for the backoff to reach its cap: after 0.25, 0.25, 0.5, 1, 2 and 4 s the
      // sixth failure would wait 8 s, and waits 5 s at most.
      await().atMost(Duration.ofSeconds(20)).until(() -> connectFailures.get() >= 6);
      sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").port(port).build());
      sim.start();
      await().atMost(Duration.ofSeconds(6)).until(pool::isAvailable);
      assertThat(pool.execute(Command.of("/system/identity/print"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS).records())
          .singleElement().satisfies(r -> assertThat(r).containsKey("name"));
    } finally {
      sim.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
