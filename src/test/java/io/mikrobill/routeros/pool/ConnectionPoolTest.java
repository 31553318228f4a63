package io.mikrobill.routeros.pool;

import static io.mikrobill.testing.ScriptedRouter.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.PoolExhaustedException;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.testing.ClosedPort;
import io.mikrobill.testing.ScriptedRouter;
import io.mikrobill.testing.ScriptedRouter.Login;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectionPoolTest {

  private static EventLoopGroup group;
  private ScriptedRouter router;
  private ConnectionPool pool;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private volatile String maxSessions = "20";

  @BeforeAll
  static void startGroup() {
    group = new NioEventLoopGroup(2);
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (router != null) {
      router.close();
    }
  }

  private ConnectionPool pool(PoolOptions options) throws Exception {
    return pool(options, o -> RouterOsConnection.connect(o, group));
  }

  private ConnectionPool pool(PoolOptions options, Function<ClientOptions, CompletableFuture<RouterOsConnection>> connector) throws Exception {
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> {
      if (w.get(0).equals("/ip/service/print")) {
        peer.send("!re", "=max-sessions=" + maxSessions, ".tag=" + tag(w));
      }
      peer.send("!done", ".tag=" + tag(w));
    });
    ClientOptions client = ClientOptions.builder().name("r1").host("127.0.0.1").port(router.port()).password("secret").build();
    pool = new ConnectionPool(client, options, group, connector, new PoolListener() {
      @Override
      public void available(String r) {
        events.add("available");
      }

      @Override
      public void unavailable(String r, Throwable cause) {
        events.add("unavailable");
      }
    }, PoolMetrics.NONE, nanos::get);
    return pool;
  }

  private static PoolOptions.Builder opts() {
    return PoolOptions.builder().reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  @Test
  void shouldWarmTheMinimumAtStart() throws Exception {
    pool(opts().minConnections(2).maxConnections(4).build()).start().get(5, TimeUnit.SECONDS);
    await().until(() -> pool.state().total() == 2);
    assertThat(events).containsExactly("available");
  }

  @Test
  void shouldShowThePoolStateWhenNoConnectionComesWithinTheAcquireTimeout() throws Exception {
    pool(opts().minConnections(1).maxConnections(1).maxInFlightPerConnection(1).acquireTimeout(Duration.ofMillis(200)).build())
        .start().get(5, TimeUnit.SECONDS);
    Lease held = pool.acquire().get(5, TimeUnit.SECONDS);
    CompletableFuture<Lease> second = pool.acquire();
    await().until(second::isDone);
    assertThat(second.exceptionNow()).isInstanceOf(PoolExhaustedException.class)
        .hasMessageContaining("connection pool exhausted")
        .hasMessageContaining("total=1 active=1 idle=0 waiting=1");
    held.release();
    assertThat(pool.acquire().get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void shouldOpenMoreConnectionsOnlyWhenTheOthersAreAtTheirInFlightBound() throws Exception {
    pool(opts().minConnections(1).maxConnections(3).maxInFlightPerConnection(2).build()).start().get(5, TimeUnit.SECONDS);
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      leases.add(pool.acquire().get(5, TimeUnit.SECONDS));
    }
    assertThat(pool.state().total()).isEqualTo(1);
    for (int i = 0; i < 4; i++) {
      leases.add(pool.acquire().get(5, TimeUnit.SECONDS));
    }
    assertThat(pool.state().total()).isEqualTo(3);
    assertThat(leases.stream().map(Lease::connection).distinct()).hasSize(3);
  }

  @Test
  void shouldNeverOpenMoreConnectionsThanTheRoutersMaxSessions() throws Exception {
    maxSessions = "2";
    pool(opts().minConnections(1).maxConnections(5).maxInFlightPerConnection(1).acquireTimeout(Duration.ofMillis(300)).build())
        .start().get(5, TimeUnit.SECONDS);
    await().until(() -> pool.state().maxConnections() == 2);
    List<CompletableFuture<Lease>> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(pool.acquire());
    }
    await().until(() -> all.stream().allMatch(CompletableFuture::isDone));
    assertThat(all.stream().filter(f -> !f.isCompletedExceptionally())).hasSize(2);
    assertThat(pool.state().total()).isEqualTo(2);
  }

  @Test
  void shouldReconnectToKeepTheMinimumAfterTheRouterDropsConnections() throws Exception {
    pool(opts().minConnections(1).maxConnections(2).build()).start().get(5, TimeUnit.SECONDS);
    await().until(() -> pool.state().total() == 1);
    router.dropConnections();
    await().until(() -> events.contains("unavailable"));
    await().until(() -> pool.state().total() == 1 && pool.isAvailable());
    assertThat(events).containsExactly("available", "unavailable", "available");
    assertThat(pool.execute(Command.of("/system/identity/print"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void shouldCloseIdleConnectionsAboveTheMinimum() throws Exception {
    pool(opts().minConnections(1).maxConnections(3).maxInFlightPerConnection(1).idleTimeout(Duration.ofSeconds(60)).build())
        .start().get(5, TimeUnit.SECONDS);
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      leases.add(pool.acquire().get(5, TimeUnit.SECONDS));
    }
    leases.forEach(Lease::release);
    assertThat(pool.state().total()).isEqualTo(3);
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    pool.housekeep();
    await().until(() -> pool.state().total() == 1);
  }

  @Test
  void shouldUseOneConnectionWhenPoolingIsDisabled() throws Exception {
    pool(opts().enabled(false).maxConnections(5).maxInFlightPerConnection(1).acquireTimeout(Duration.ofMillis(200)).build())
        .start().get(5, TimeUnit.SECONDS);
    Lease first = pool.acquire().get(5, TimeUnit.SECONDS);
    CompletableFuture<Lease> second = pool.acquire();
    await().until(second::isDone);
    assertThat(second).isCompletedExceptionally();
    assertThat(pool.state().total()).isEqualTo(1);
    first.release();
  }

  /** Connects as {@code o} says, but to {@code port}. */
  private static CompletableFuture<RouterOsConnection> connect(ClientOptions o, int port) {
    return RouterOsConnection.connect(o.toBuilder().port(port).build(), group);
  }

  @Test
  void shouldCarryTheLastConnectFailureWhenTheRouterIsUnreachable() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      pool(opts().minConnections(1).maxConnections(1).acquireTimeout(Duration.ofSeconds(10)).build(), o -> connect(o, closed.port()));
      CompletableFuture<Void> started = pool.start();
      await().until(started::isDone);
      assertThat(started).isCompletedExceptionally();
      assertThat(events).contains("unavailable");
      CompletableFuture<Lease> lease = pool.acquire();
      assertThat(lease).as("refused at once, not after the acquire timeout").isDone();
      assertThat(lease.exceptionNow()).isInstanceOf(RouterOsConnectionException.class)
          .hasCauseInstanceOf(RouterOsConnectionException.class)
          .hasMessageStartingWith("router=r1 unreachable: cannot connect to 127.0.0.1:" + closed.port())
          .hasMessageMatching("(?s).*\\((retrying in \\d+ (ms|s)|reconnecting now)\\)$");
      assertThat(((RouterOsConnectionException) lease.exceptionNow()).isTransient()).isTrue();
    }
  }

  @Test
  void shouldCarryTheLastConnectFailureWhenThePoolIsExhausted() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      AtomicInteger attempts = new AtomicInteger();
      // The first connection comes up and is kept busy; opening a second one is refused.
      pool(opts().minConnections(1).maxConnections(2).maxInFlightPerConnection(1).acquireTimeout(Duration.ofSeconds(1)).build(),
          o -> attempts.getAndIncrement() == 0 ? RouterOsConnection.connect(o, group) : connect(o, closed.port()));
      pool.start().get(5, TimeUnit.SECONDS);
      Lease held = pool.acquire().get(5, TimeUnit.SECONDS);
      CompletableFuture<Lease> lease = pool.acquire();
      await().until(lease::isDone);
      assertThat(lease.exceptionNow()).isInstanceOf(PoolExhaustedException.class)
          .hasCauseInstanceOf(RouterOsConnectionException.class)
          .hasMessageContaining("lastFailure")
          .hasMessageContaining("total=1 active=1");
      held.release();
    }
  }

  @Test
  void shouldRefuseTheWaitingCallersWhenTheConnectTheyWaitForFails() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      CompletableFuture<RouterOsConnection> firstAttempt = new CompletableFuture<>();
      AtomicInteger attempts = new AtomicInteger();
      pool(opts().minConnections(1).maxConnections(1).acquireTimeout(Duration.ofSeconds(10)).build(),
          o -> attempts.getAndIncrement() == 0 ? firstAttempt : connect(o, closed.port()));
      pool.start();
      CompletableFuture<Lease> waiting = pool.acquire();
      assertThat(waiting).as("the first connect is still under way").isNotDone();
      firstAttempt.completeExceptionally(new RouterOsConnectionException("router=r1 cannot connect to 127.0.0.1:1: Connection refused"));
      assertThat(waiting).isDone();
      assertThat(waiting.exceptionNow()).isInstanceOf(RouterOsConnectionException.class)
          .hasMessageStartingWith("router=r1 unreachable: cannot connect to 127.0.0.1:1: Connection refused (");
    }
  }

  @Test
  void shouldRefuseBadSettingsNamingThem() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoolOptions.builder().maxConnections(0))
        .hasMessageContaining("MAX_CONNECTIONS").hasMessageContaining("0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoolOptions.builder().minConnections(6).maxConnections(5).build())
        .hasMessageContaining("MIN_CONNECTIONS (6)");
  }
}
