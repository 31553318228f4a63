package io.mikrobill.routeros.pool;

import static io.mikrobill.testing.ScriptedRouter.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.PoolExhaustedException;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
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
import java.util.concurrent.atomic.AtomicLong;
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
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> {
      if (w.get(0).equals("/ip/service/print")) {
        peer.send("!re", "=max-sessions=" + maxSessions, ".tag=" + tag(w));
      }
      peer.send("!done", ".tag=" + tag(w));
    });
    ClientOptions client = ClientOptions.builder().name("r1").host("127.0.0.1").port(router.port()).password("secret").build();
    pool = new ConnectionPool(client, options, group, o -> RouterOsConnection.connect(o, group), new PoolListener() {
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

  @Test
  void shouldCarryTheLastConnectFailureWhenTheRouterIsUnreachable() throws Exception {
    pool(opts().minConnections(1).maxConnections(1).acquireTimeout(Duration.ofMillis(300)).build());
    router.close();
    CompletableFuture<Void> started = pool.start();
    await().until(started::isDone);
    assertThat(started).isCompletedExceptionally();
    CompletableFuture<Lease> lease = pool.acquire();
    await().until(lease::isDone);
    assertThat(lease.exceptionNow()).isInstanceOf(PoolExhaustedException.class)
        .hasCauseInstanceOf(RouterOsConnectionException.class)
        .hasMessageContaining("lastFailure");
    assertThat(events).contains("unavailable");
  }

  @Test
  void shouldRefuseBadSettingsNamingThem() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoolOptions.builder().maxConnections(0))
        .hasMessageContaining("MAX_CONNECTIONS").hasMessageContaining("0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoolOptions.builder().minConnections(6).maxConnections(5).build())
        .hasMessageContaining("MIN_CONNECTIONS (6)");
  }
}
