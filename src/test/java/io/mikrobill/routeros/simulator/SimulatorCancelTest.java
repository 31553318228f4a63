package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.SimulatorFixture.run;
import static io.mikrobill.routeros.simulator.SimulatorProtocolTest.recorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.client.CommandHandle;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.protocol.Reply;
import io.mikrobill.routeros.protocol.ReplyType;
import io.mikrobill.routeros.protocol.SentenceDecoder;
import io.mikrobill.routeros.protocol.SentenceEncoder;
import io.mikrobill.routeros.protocol.WordCharset;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatorCancelTest {

  @Test
  void shouldAnswerCancelByTagInTheRealRoutersOrder() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      List<String> wire = new CopyOnWriteArrayList<>();
      CommandHandle listen = c.subscribe(Command.of("/ip/hotspot/user/listen"), tagged("listen", wire));
      run(c, "/system/identity/print");
      c.send(Command.of("/cancel", "=tag=" + listen.tag()), tagged("cancel", wire), Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(5)).until(() -> wire.size() == 3);
      assertThat(wire).containsExactly("listen:trap:2:interrupted", "cancel:done", "listen:done");
    }
  }

  @Test
  void shouldCancelEveryCommandOfTheConnectionWithABareCancel() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      List<Reply> a = new CopyOnWriteArrayList<>();
      List<Reply> b = new CopyOnWriteArrayList<>();
      c.subscribe(Command.of("/ip/hotspot/user/listen"), recorder(a));
      c.subscribe(Command.of("/ppp/secret/print", "=follow-only="), recorder(b));
      run(c, "/system/identity/print");
      assertThat(run(c, "/cancel").records()).isEmpty();
      await().atMost(Duration.ofSeconds(5)).until(() -> a.size() == 2 && b.size() == 2);
      assertThat(a).extracting(Reply::type).containsExactly(ReplyType.TRAP, ReplyType.DONE);
      assertThat(b).extracting(Reply::type).containsExactly(ReplyType.TRAP, ReplyType.DONE);
      assertThat(c.pending()).isZero();
    }
  }

  @Test
  void shouldStopMonitorTrafficWhenCancelled() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      List<Reply> seen = new CopyOnWriteArrayList<>();
      CommandHandle h = c.subscribe(Command.of("/interface/monitor-traffic", "=interface=ether1"), recorder(seen));
      await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
      h.cancel().join();
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.get(seen.size() - 1).type() == ReplyType.DONE);
      assertThat(seen.get(0).attribute("name")).isEqualTo("ether1");
    }
  }

  @Test
  void shouldSendFatalAndCloseWhenACommandComesBeforeLogin() throws Exception {
    // The project's client always logs in first, so this one speaks raw sentences.
    try (SimulatorFixture f = SimulatorFixture.start();
        Socket s = new Socket("127.0.0.1", f.sim.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(SentenceEncoder.encode(List.of("/ip/hotspot/user/print".getBytes(StandardCharsets.UTF_8))));
      out.flush();
      List<List<byte[]>> sentences = new ArrayList<>();
      SentenceDecoder decoder = new SentenceDecoder();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        decoder.feed(buf, 0, n, sentences::add);
      }
      assertThat(sentences).hasSize(1);
      Reply fatal = Reply.parse(sentences.get(0), WordCharset.DEFAULT);
      assertThat(fatal.type()).isEqualTo(ReplyType.FATAL);
      assertThat(fatal.message()).isEqualTo("not logged in");
    }
  }

  private static io.mikrobill.routeros.client.ReplyListener tagged(String name, List<String> wire) {
    return new io.mikrobill.routeros.client.ReplyListener() {
      @Override
      public void onReply(Reply r) {
        wire.add(name + ":" + r.type().shortName()
            + (r.type() == ReplyType.TRAP ? ":" + r.category() + ":" + r.errorMessage() : ""));
      }

      @Override
      public void onFailure(io.mikrobill.routeros.RouterOsException error) {
        wire.add(name + ":failed");
      }
    };
  }
}
