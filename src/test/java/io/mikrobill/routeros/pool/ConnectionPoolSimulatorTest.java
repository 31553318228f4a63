package io.mikrobill.routeros.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool against the simulator: the router's own session limit is read and kept. */
@Timeout(30)
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
}
