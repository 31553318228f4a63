package io.mikrobill.cli;

import static io.mikrobill.testing.ScriptedRouter.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mikrobill.testing.ScriptedRouter;
import io.mikrobill.testing.ScriptedRouter.Login;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RosCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private ScriptedRouter router;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stop() throws Exception {
    if (router != null) {
      router.close();
    }
  }

  private int ros(String stdin, String... args) {
    Map<String, String> env = Map.of(
        "MIKROTIK_HOST", "127.0.0.1",
        "MIKROTIK_PORT", String.valueOf(router.port()),
        "MIKROTIK_USERNAME", "admin",
        "MIKROTIK_PASSWORD", "secret");
    RosCommand cmd = new RosCommand(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env);
    return cmd.execute(args);
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void shouldMatchEveryReplyToItsCommandWhenTenPipelinedCommandsAreAnsweredOutOfOrder() throws Exception {
    List<List<String>> held = Collections.synchronizedList(new ArrayList<>());
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> {
      held.add(w);
      if (held.size() == 10) {
        List<List<String>> shuffled = new ArrayList<>(held);
        Collections.shuffle(shuffled, new Random(7));
        for (List<String> c : shuffled) {
          peer.send("!re", "=n=" + ScriptedRouter.value(c, "name"), ".tag=" + tag(c));
          peer.send("!done", "=ret=*" + ScriptedRouter.value(c, "name"), ".tag=" + tag(c));
        }
      }
    });
    StringBuilder stdin = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      stdin.append("[\"/ip/hotspot/user/add\",\"=name=").append(i).append("\",\"=password=p\"]\n");
    }

    int status = ros(stdin.toString());

    assertThat(status).isZero();
    List<JsonNode> replies = lines();
    assertThat(replies).hasSize(20);
    List<Integer> doneOrder = new ArrayList<>();
    for (JsonNode r : replies) {
      int cmd = r.get("cmd").asInt();
      String type = r.get("type").asText();
      if (type.equals("re")) {
        assertThat(r.get("attrs").get("n").asText()).isEqualTo(String.valueOf(cmd));
      } else {
        assertThat(type).isEqualTo("done");
        assertThat(r.get("attrs").get("ret").asText()).isEqualTo("*" + cmd);
        doneOrder.add(cmd);
      }
      assertThat(r.get("attrs").has(".tag")).isFalse();
    }
    assertThat(doneOrder).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  }

  @Test
  void shouldSendOneSentenceFromTheCommandLineWithQueryAndProplist() throws Exception {
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> {
      peer.send("!re", "=.id=*1", "=name=alice", "=comment=line1\nline2 \"quoted\"", ".tag=" + tag(w));
      peer.send("!done", ".tag=" + tag(w));
    });
    int status = ros("", "/ip/hotspot/user/print", "?name=alice", "=.proplist=name,comment");

    assertThat(status).isZero();
    assertThat(router.received().get(0)).startsWith("/ip/hotspot/user/print", "?name=alice", "=.proplist=name,comment");
    JsonNode first = lines().get(0);
    assertThat(first.toString()).isEqualTo(
        "{\"cmd\":0,\"type\":\"re\",\"attrs\":{\".id\":\"*1\",\"name\":\"alice\",\"comment\":\"line1\\nline2 \\\"quoted\\\"\"}}");
  }

  @Test
  void shouldExitTwoWhenACommandGetsATrap() throws Exception {
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> {
      peer.send("!trap", "=message=no such item", ".tag=" + tag(w));
      peer.send("!done", ".tag=" + tag(w));
    });
    assertThat(ros("", "/ip/hotspot/user/remove", "=.id=*99")).isEqualTo(RosCommand.EXIT_TRAP);
    assertThat(lines()).extracting(n -> n.get("type").asText()).containsExactly("trap", "done");
  }

  @Test
  void shouldExitThreeWithMessageWhenLoginFails() throws Exception {
    router = new ScriptedRouter(Login.REFUSE, "secret", (w, peer) -> { });
    assertThat(ros("", "/system/resource/print")).isEqualTo(RosCommand.EXIT_CONNECT);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid user name or password").doesNotContain("secret");
  }

  @Test
  void shouldExitFourAndPrintFatalWhenRouterEndsTheSession() throws Exception {
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> peer.send("!fatal", "session terminated on request"));
    assertThat(ros("", "/quit")).isEqualTo(RosCommand.EXIT_FATAL);
    JsonNode fatal = lines().get(0);
    assertThat(fatal.get("cmd").isNull()).isTrue();
    assertThat(fatal.get("type").asText()).isEqualTo("fatal");
    assertThat(fatal.get("message").asText()).isEqualTo("session terminated on request");
  }

  @Test
  void shouldRefuseALineThatIsNotAJsonArrayOfWords() throws Exception {
    router = new ScriptedRouter(Login.PLAIN, "secret", (w, peer) -> peer.send("!done", ".tag=" + tag(w)));
    assertThat(ros("[\"/system/resource/print\"]\n{\"not\":\"an array\"}\n")).isEqualTo(RosCommand.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2");
    assertThat(router.received()).isEmpty();
  }
}
