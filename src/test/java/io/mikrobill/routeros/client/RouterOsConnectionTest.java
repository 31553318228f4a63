package io.mikrobill.routeros.client;

import static io.mikrobill.testing.ScriptedRouter.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.RouterOsAuthenticationException;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsFatalException;
import io.mikrobill.routeros.RouterOsProtocolException;
import io.mikrobill.routeros.RouterOsTimeoutException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.protocol.Reply;
import io.mikrobill.routeros.protocol.ReplyType;
import io.mikrobill.testing.ScriptedRouter;
import io.mikrobill.testing.ScriptedRouter.Login;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a scripted peer that replays replies captured from real routers. */
@Timeout(30)
class RouterOsConnectionTest {

  private static EventLoopGroup group;
  private ScriptedRouter router;

  @BeforeAll
  static void startGroup() {
    group = new NioEventLoopGroup(2);
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopRouter() throws Exception {
    if (router != null) {
      router.close();
    }
  }

  private RouterOsConnection connect(Login login, ScriptedRouter.Script script) throws Exception {
    router = new ScriptedRouter(login, "secret", script);
    return RouterOsConnection.connect(options().build(), group).get(10, TimeUnit.SECONDS);
  }

  private ClientOptions.Builder options() {
    return ClientOptions.builder().host("127.0.0.1").port(router.port()).username("admin").password("secret");
  }

  private static <T> T join(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(CompletableFuture<?> f) {
    return assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).actual().getCause();
  }

  @Test
  void shouldReturnSevenEmptyRecordsWhenPrintingServicesWithProplistComment() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> {
      for (int i = 0; i < 7; i++) {
        peer.send("!re", ".tag=" + tag(w));
      }
      peer.send("!done", ".tag=" + tag(w));
    });
    CommandResult result = join(conn.execute(Command.of("/ip/service/print", "=.proplist=comment")));
    assertThat(result.records()).hasSize(7).allSatisfy(r -> assertThat(r).isEmpty());
    assertThat(router.received().get(0)).contains("/ip/service/print", "=.proplist=comment");
  }

  @Test
  void shouldReturnRetWhenAddIsDone() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> peer.send("!done", "=ret=*3", ".tag=" + tag(w)));
    CommandResult result = join(conn.execute(Command.builder("/ip/hotspot/user/add").attribute("name", "alice").build()));
    assertThat(result.ret()).isEqualTo("*3");
  }

  @Test
  void shouldEndListenInRealRouterOrderWhenCancelled() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> {
      if (w.get(0).equals("/ip/hotspot/user/listen")) {
        peer.send("!re", "=.id=*1", "=name=alice", ".tag=" + tag(w));
      } else if (w.get(0).equals("/cancel")) {
        String listenTag = ScriptedRouter.value(w, "tag");
        peer.send("!trap", "=category=2", "=message=interrupted", ".tag=" + listenTag);
        peer.send("!done", ".tag=" + tag(w));
        peer.send("!done", ".tag=" + listenTag);
      }
    });
    List<Reply> seen = new CopyOnWriteArrayList<>();
    CommandHandle handle = conn.subscribe(Command.of("/ip/hotspot/user/listen"), recorder(seen));
    await().until(() -> seen.size() == 1);
    CommandResult cancelled = join(handle.cancel());
    await().until(() -> seen.size() == 3);

    assertThat(cancelled.records()).isEmpty();
    assertThat(seen).extracting(Reply::type).containsExactly(ReplyType.RE, ReplyType.TRAP, ReplyType.DONE);
    assertThat(seen.get(0).attribute("name")).isEqualTo("alice");
    assertThat(seen.get(1).category()).isEqualTo(2);
    assertThat(seen.get(1).errorMessage()).isEqualTo("interrupted");
    assertThat(conn.pending()).isZero();
  }

  @Test
  void shouldFailPendingWithFatalReasonWhenRouterTerminatesSession() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> {
      if (w.get(0).equals("/quit")) {
        peer.send("!fatal", "session terminated on request");
      }
    });
    List<Reply> fatals = new CopyOnWriteArrayList<>();
    conn.onFatal(fatals::add);
    CompletableFuture<CommandResult> pending = conn.execute(Command.of("/quit"));

    Throwable error = failureOf(pending);
    assertThat(error).isInstanceOf(RouterOsFatalException.class);
    assertThat(((RouterOsFatalException) error).reason()).isEqualTo("session terminated on request");
    assertThat(fatals).singleElement().extracting(Reply::message).isEqualTo("session terminated on request");
    assertThat(join(conn.closeFuture())).isInstanceOf(RouterOsFatalException.class);
    assertThat(conn.isActive()).isFalse();
  }

  @Test
  void shouldReportEmptyWhenRouterSaysEmptyThenDone() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> {
      peer.send("!empty", ".tag=" + tag(w));
      peer.send("!done", ".tag=" + tag(w));
    });
    CommandResult result = join(conn.execute(Command.of("/ip/hotspot/active/print")));
    assertThat(result.empty()).isTrue();
    assertThat(result.records()).isEmpty();
  }

  @Test
  void shouldFailWithTrapCategoryAndMessageWhenRouterRefuses() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> {
      peer.send("!trap", "=category=1", "=message=failure: already have user with this name for this server", ".tag=" + tag(w));
      peer.send("!trap", "=message=second trap", ".tag=" + tag(w));
      peer.send("!done", ".tag=" + tag(w));
    });
    Throwable error = failureOf(conn.execute(Command.of("/ip/hotspot/user/add", "=name=alice")));
    assertThat(error).isInstanceOfSatisfying(RouterOsTrapException.class, t -> {
      assertThat(t.category()).isEqualTo(1);
      assertThat(t.routerMessage()).isEqualTo("failure: already have user with this name for this server");
      assertThat(t.type()).isEqualTo(RouterOsException.ErrorType.TRAP);
      assertThat(t.recoverySuggestions()).isNotEmpty();
    });
    assertThat(conn.isActive()).isTrue();
  }

  @Test
  void shouldLogInWithMd5ChallengeWhenRouterAnswersRet() throws Exception {
    RouterOsConnection conn = connect(Login.MD5_CHALLENGE, (w, peer) -> peer.send("!done", ".tag=" + tag(w)));
    assertThat(join(conn.execute(Command.of("/system/identity/print"))).records()).isEmpty();
  }

  @Test
  void shouldFailWithAuthenticationErrorWithoutPasswordWhenCredentialsAreWrong() throws Exception {
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> { });
    CompletableFuture<RouterOsConnection> f =
        RouterOsConnection.connect(options().password("wrong-hunter2").build(), group);
    Throwable error = failureOf(f);
    assertThat(error).isInstanceOf(RouterOsAuthenticationException.class)
        .hasMessageContaining("invalid user name or password (6)")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldFailWithAuthenticationErrorWhenMd5ChallengeIsWrong() throws Exception {
    router = new ScriptedRouter(Login.MD5_CHALLENGE, "secret", (w, peer) -> { });
    Throwable error = failureOf(RouterOsConnection.connect(options().password("nope").build(), group));
    assertThat(error).isInstanceOf(RouterOsAuthenticationException.class).hasMessageContaining("cannot log in");
  }

  @Test
  void shouldFailWithConnectionErrorWhenNothingListens() throws Exception {
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> { });
    int port = router.port();
    router.close();
    Throwable error = failureOf(RouterOsConnection.connect(options().port(port).build(), group));
    assertThat(error).isInstanceOf(RouterOsConnectionException.class).hasMessageContaining("cannot connect");
  }

  @Test
  void shouldTimeOutAndCancelOnRouterWhenNoReplyComes() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> {
      if (w.get(0).equals("/cancel")) {
        String t = ScriptedRouter.value(w, "tag");
        peer.send("!trap", "=category=2", "=message=interrupted", ".tag=" + t);
        peer.send("!done", ".tag=" + t);
      }
    });
    CompletableFuture<CommandResult> f = conn.execute(Command.of("/tool/fetch", "=url=http://x"), Duration.ofMillis(200));
    Throwable error = failureOf(f);
    assertThat(error).isInstanceOf(RouterOsTimeoutException.class).hasMessageContaining("/tool/fetch");
    await().untilAsserted(() -> assertThat(router.received()).anySatisfy(w -> assertThat(w).contains("/cancel")));
    await().until(() -> conn.pending() == 0);
    assertThat(conn.isActive()).isTrue();
  }

  @Test
  void shouldFailAllPendingWithConnectionErrorWhenConnectionIsLost() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> { });
    List<CompletableFuture<CommandResult>> pending = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pending.add(conn.execute(Command.of("/system/resource/print")));
    }
    await().until(() -> router.received().size() == 5);
    router.dropConnections();
    for (CompletableFuture<CommandResult> f : pending) {
      assertThat(failureOf(f)).isInstanceOf(RouterOsConnectionException.class).hasMessageContaining("connection lost");
    }
  }

  @Test
  void shouldCloseWithProtocolErrorWhenFramingIsBroken() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> peer.sendRaw(new byte[] {(byte) 0xF8, 1, 2}));
    Throwable error = failureOf(conn.execute(Command.of("/system/resource/print")));
    assertThat(error).isInstanceOf(RouterOsProtocolException.class);
    await().until(() -> !conn.isActive());
  }

  @Test
  void shouldRouteRepliesByTagWhenTheyArriveOutOfOrder() throws Exception {
    List<List<String>> held = Collections.synchronizedList(new ArrayList<>());
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> {
      held.add(w);
      if (held.size() == 50) {
        for (int i = held.size() - 1; i >= 0; i--) {
          List<String> c = held.get(i);
          peer.send("!re", "=echo=" + ScriptedRouter.value(c, "n"), ".tag=" + tag(c));
          peer.send("!done", ".tag=" + tag(c));
        }
      }
    });
    List<CompletableFuture<CommandResult>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      futures.add(conn.execute(Command.of("/echo", "=n=" + i)));
    }
    for (int i = 0; i < 50; i++) {
      String expected = String.valueOf(i);
      assertThat(join(futures.get(i)).records()).singleElement().satisfies(r -> assertThat(r).containsEntry("echo", expected));
    }
  }

  @Test
  void shouldRefuseCommandsAfterClose() throws Exception {
    RouterOsConnection conn = connect(Login.PLAIN, (w, peer) -> { });
    conn.close();
    join(conn.closeFuture());
    assertThat(failureOf(conn.execute(Command.of("/system/resource/print")))).isInstanceOf(RouterOsConnectionException.class);
  }

  private static ReplyListener recorder(List<Reply> seen) {
    return new ReplyListener() {
      @Override
      public void onReply(Reply reply) {
        seen.add(reply);
      }

      @Override
      public void onFailure(RouterOsException error) {
        throw new CompletionException(error);
      }
    };
  }
}
