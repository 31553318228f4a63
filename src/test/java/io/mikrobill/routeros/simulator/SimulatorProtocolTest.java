package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.SimulatorFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.RouterOsAuthenticationException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsFatalException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.client.CommandHandle;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.client.ReplyListener;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.protocol.Reply;
import io.mikrobill.routeros.protocol.ReplyType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatorProtocolTest {

  @Test
  void shouldLogInWithPlainPasswordAndAnswerAddWithTheNewId() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      CommandResult added = run(c, "/ip/hotspot/user/add", "=name=alice", "=password=p1");
      assertThat(added.ret()).matches("\\*[0-9A-F]+");
      assertThat(f.sim.hotspotUsers()).extracting(u -> u.get("name")).containsExactly("alice");
    }
  }

  @Test
  void shouldRefuseBadPasswordWithTheRoutersMessageOn719() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      assertThatThrownBy(() -> f.connectAsync(f.clientOptions().password("wrong").build()).join())
          .hasCauseInstanceOf(RouterOsAuthenticationException.class)
          .hasMessageContaining("invalid user name or password (6)");
    }
  }

  @Test
  void shouldLogInByMd5ChallengeOn642() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().version(RouterOsVersion.V6_42))) {
      RouterOsConnection c = f.connect();
      assertThat(run(c, "/system/resource/print").records().get(0).get("version")).startsWith("6.42");
      assertThatThrownBy(() -> f.connectAsync(f.clientOptions().password("wrong").build()).join())
          .hasCauseInstanceOf(RouterOsAuthenticationException.class)
          .hasMessageContaining("cannot log in");
    }
  }

  @Test
  void shouldLogInWithPlainPasswordOn649AndSendNoEmpty() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().version(RouterOsVersion.V6_49))) {
      RouterOsConnection c = f.connect();
      CommandResult none = run(c, "/ip/hotspot/user/print");
      assertThat(none.records()).isEmpty();
      assertThat(none.empty()).isFalse();
    }
  }

  @Test
  void shouldSendEmptyBeforeDoneWhenAPrintFindsNothingOn719() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      CommandResult none = run(f.connect(), "/ip/hotspot/user/print");
      assertThat(none.records()).isEmpty();
      assertThat(none.empty()).isTrue();
    }
  }

  @Test
  void shouldCopyTheTagIntoEveryReply() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      run(c, "/ip/hotspot/user/add", "=name=a");
      run(c, "/ip/hotspot/user/add", "=name=b");
      List<Reply> replies = collect(c, Command.of("/ip/hotspot/user/print"));
      assertThat(replies).extracting(Reply::type).containsExactly(ReplyType.RE, ReplyType.RE, ReplyType.DONE);
      assertThat(replies).extracting(Reply::tag).doesNotContainNull().containsOnly(replies.get(0).tag());
    }
  }

  @Test
  void shouldAnswerUnknownCommandsWithCategoryZeroTraps() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      assertThat(trapOf(() -> run(c, "/ip/nothing/print")))
          .satisfies(t -> assertThat(t.category()).isZero())
          .satisfies(t -> assertThat(t.routerMessage()).isEqualTo("no such command prefix"));
      assertThat(trapOf(() -> run(c, "/ip/hotspot/user/frobnicate")).routerMessage()).isEqualTo("no such command");
    }
  }

  @Test
  void shouldEndTheSessionWithFatalOnQuit() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      c.execute(Command.of("/quit"));
      RouterOsException cause = c.closeFuture().orTimeout(5, TimeUnit.SECONDS).join();
      assertThat(cause).isInstanceOf(RouterOsFatalException.class);
      assertThat(((RouterOsFatalException) cause).reason()).isEqualTo("session terminated on request");
    }
  }

  @Test
  void shouldRefuseConnectionsOverMaxSessions() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().maxSessions(2))) {
      f.connect();
      f.connect();
      assertThatThrownBy(() -> f.connectAsync(f.clientOptions().build()).join())
          .isInstanceOf(CompletionException.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> f.sim.connectionCount() == 2);
    }
  }

  @Test
  void shouldCancelAListenInTheRoutersReplyOrder() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      List<Reply> seen = new CopyOnWriteArrayList<>();
      CommandHandle listen = c.subscribe(Command.of("/ip/hotspot/user/listen"), recorder(seen));
      // A round trip on the same connection proves the listen is registered on the router.
      run(c, "/system/identity/print");
      run(c, "/ip/hotspot/user/add", "=name=carol");
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      CommandResult cancelled = listen.cancel().orTimeout(5, TimeUnit.SECONDS).join();
      assertThat(cancelled.records()).isEmpty();
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
      assertThat(seen.get(0).attribute("name")).isEqualTo("carol");
      assertThat(seen.get(1).type()).isEqualTo(ReplyType.TRAP);
      assertThat(seen.get(1).category()).isEqualTo(2);
      assertThat(seen.get(1).errorMessage()).isEqualTo("interrupted");
      assertThat(seen.get(2).type()).isEqualTo(ReplyType.DONE);
    }
  }

  static ReplyListener recorder(List<Reply> seen) {
    return new ReplyListener() {
      @Override
      public void onReply(Reply reply) {
        seen.add(reply);
      }

      @Override
      public void onFailure(RouterOsException error) {}
    };
  }

  static List<Reply> collect(RouterOsConnection c, Command command) {
    List<Reply> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    c.send(command, new ReplyListener() {
      @Override
      public void onReply(Reply reply) {
        seen.add(reply);
        if (reply.type() == ReplyType.DONE) {
          done.complete(null);
        }
      }

      @Override
      public void onFailure(RouterOsException error) {
        done.completeExceptionally(error);
      }
    }, Duration.ofSeconds(5));
    done.orTimeout(10, TimeUnit.SECONDS).join();
    return seen;
  }

  static RouterOsTrapException trapOf(Runnable r) {
    try {
      r.run();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RouterOsTrapException t) {
        return t;
      }
      throw e;
    }
    throw new AssertionError("expected a trap");
  }

  static Map<String, String> first(CommandResult r) {
    return r.records().get(0);
  }
}
