package io.mikrobill.routeros.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mikrobill.routeros.Failures;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.RouterOsTimeoutException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.cache.CacheOptions;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.mikrobill.routeros.pool.PoolOptions;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the router's breaker counts, against the simulator. The breaker's window is wide and its
 * threshold out of reach, so the test reads the counts without the breaker ever opening.
 */
@Timeout(30)
class RouterBreakerTest {

  private static final Command IDENTITY = Command.of("/system/identity/print");

  private RouterOsSimulator sim;
  private RouterRegistry routers;
  private Router router;

  @BeforeEach
  void start() throws Exception {
    sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").build());
    sim.start();
    routers = new RouterRegistry(CacheOptions.defaults(), Clock.systemUTC(), PoolMetrics.NONE);
    ClientOptions client = ClientOptions.builder().name("sim").host("127.0.0.1").port(sim.port()).password("pw").build();
    router = routers.add(RouterSettings.of(client)
        // One connection, and no command of the pool's own (max-sessions) to shift the fault's count.
        .withPool(PoolOptions.builder().minConnections(1).maxConnections(1).respectMaxSessions(false).build())
        .withBreaker(new BreakerOptions(true, 100, Duration.ofMinutes(1), false)));
    router.start().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    routers.close();
    sim.close();
  }

  @Test
  void shouldCountAConnectionDroppedWithFortyCommandsInFlightAsOneFailure() throws Exception {
    // Every command is held back; the 41st closes the connection under the 40 still waiting.
    sim.faults().set("drop-after=41,stall-rate=1,stall-ms=60000");
    List<CompletableFuture<CommandResult>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      calls.add(router.execute(RouterRequest.of(IDENTITY)));
    }
    await().until(() -> sim.commandsServed() == 40);
    assertThat(router.pool().state().total()).isEqualTo(1);
    calls.add(router.execute(RouterRequest.of(IDENTITY)));
    await().until(() -> calls.stream().allMatch(CompletableFuture::isDone));

    assertThat(calls).allSatisfy(c -> assertThat(Failures.unwrap(c.exceptionNow())).isInstanceOf(RouterOsConnectionException.class));
    CircuitBreaker.Metrics m = router.breaker().getMetrics();
    assertThat(m.getNumberOfFailedCalls()).as("one dropped connection, 41 commands lost with it").isEqualTo(1);
    assertThat(m.getNumberOfSuccessfulCalls()).as("the other 40 are ignored, not successes").isZero();

    // The pool reconnects; losing the new connection is another loss and counts once more.
    sim.faults().set("drop-after=1");
    await().until(() -> router.pool().isAvailable());
    CompletableFuture<CommandResult> next = router.execute(RouterRequest.of(IDENTITY));
    await().until(next::isDone);
    assertThat(router.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
  }

  @Test
  void shouldCountEveryTimeoutAndNoRefusalOfBadInput() throws Exception {
    CompletableFuture<CommandResult> refused = router.execute(RouterRequest.of(Command.of("/no/such/menu/print")));
    await().until(refused::isDone);
    assertThat(Failures.unwrap(refused.exceptionNow())).isInstanceOf(RouterOsTrapException.class);
    assertThat(router.breaker().getMetrics().getNumberOfFailedCalls()).isZero();

    sim.faults().set("stall-rate=1,stall-ms=60000");
    RouterRequest slow = new RouterRequest(IDENTITY, null, Duration.ofMillis(200), false, null, null);
    List<CompletableFuture<CommandResult>> calls = List.of(router.execute(slow), router.execute(slow), router.execute(slow));
    await().until(() -> calls.stream().allMatch(CompletableFuture::isDone));
    assertThat(calls).allSatisfy(c -> assertThat(Failures.unwrap(c.exceptionNow())).isInstanceOf(RouterOsTimeoutException.class));
    assertThat(router.breaker().getMetrics().getNumberOfFailedCalls()).as("each timeout counts").isEqualTo(3);
  }

  @Test
  void shouldCountEveryRequestRefusedBecauseTheRouterCannotBeReached() throws Exception {
    sim.close();
    await().until(() -> router.pool().lastFailure() != null && router.pool().lastFailure().getMessage().contains("cannot connect"));
    for (int i = 0; i < 3; i++) {
      CompletableFuture<CommandResult> call = router.execute(RouterRequest.of(IDENTITY));
      await().atMost(Duration.ofSeconds(1)).until(call::isDone);
      assertThat(Failures.unwrap(call.exceptionNow())).isInstanceOf(RouterOsConnectionException.class)
          .hasMessageContaining("router=sim unreachable");
    }
    assertThat(router.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
  }
}
