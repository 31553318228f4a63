package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three sources end to end against the simulated router: a user created over HTTP, by a CSV
 * row and by a JMS message sent by a plain STOMP client each appears on the router with the right
 * fields; bad input of each kind is refused with its reason and changes nothing on the router.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PipelineEndToEndTest {

  private Path home;

  private RunningPipeline app;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    home = dir;
    app = new RunningPipeline(home, Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private Map<String, String> routerUser(String name) {
    return app.sim.hotspotUsers().stream().filter(u -> name.equals(u.get("name"))).findFirst().orElse(null);
  }

  @Test
  void shouldCreateAHotspotUserOverHttp() throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/hotspot/users",
        "{\"username\":\"http-alice\",\"password\":\"secret123\",\"profile\":\"default\",\"limitUptime\":\"1h\",\"limitBytesTotal\":\"1G\",\"comment\":\"shop order 17\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.body()).contains("\"username\":\"http-alice\"").contains("\"id\":\"*");
    assertThat(routerUser("http-alice")).containsEntry("profile", "default").containsEntry("limit-uptime", "1h")
        .containsEntry("limit-bytes-total", "1073741824").containsEntry("comment", "shop order 17")
        .containsEntry("password", "secret123");

    HttpResponse<String> got = app.send("GET", "/api/hotspot/users/http-alice", null);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).contains("\"limitUptime\":\"1h\"").doesNotContain("secret123");
  }

  @Test
  void shouldAnswerARepeatedIdempotencyKeyWithTheFirstResultAndChangeNothing() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "order-4711");
    String body = "{\"username\":\"idem-user\",\"password\":\"secret123\"}";
    HttpResponse<String> first = app.send("POST", "/api/hotspot/users", body, key);
    long served = app.sim.commandsServed();
    HttpResponse<String> second = app.send("POST", "/api/hotspot/users", body, key);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(app.sim.commandsServed()).as("the repeat never reached the router").isEqualTo(served);
  }

  @Test
  void shouldAnswerARetryAs201WhenTheFirstAttemptReachedTheRouterButItsAnswerWasLost() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "order-lost-answer");
    String body = "{\"username\":\"lost-answer\",\"password\":\"secret123\"}";
    app.sim.faults().set("seed=1,stall-rate=1,stall-ms=7000");
    HttpResponse<String> first;
    try {
      first = app.send("POST", "/api/hotspot/users", body, key);
    } finally {
      app.sim.faults().clear();
    }
    assertThat(first.statusCode()).as("the router applied it but answered too late: %s", first.body()).isEqualTo(503);
    assertThat(routerUser("lost-answer")).isNotNull();

    HttpResponse<String> retry = app.send("POST", "/api/hotspot/users", body, key);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
    assertThat(retry.body()).contains("\"username\":\"lost-answer\"");
    HttpResponse<String> again = app.send("POST", "/api/hotspot/users", body, key);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
  }

  @Test
  void shouldRefuseBadHttpInputWithClearErrorsAndChangeNothing() throws Exception {
    int before = app.sim.hotspotUsers().size();
    HttpResponse<String> shortPassword = app.send("POST", "/api/hotspot/users", "{\"username\":\"okname\",\"password\":\"short\"}");
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(shortPassword.body()).contains("\"type\":\"validation\"").contains("password must be 8 to 64 characters")
        .contains("recoverySuggestions").doesNotContain("short\"");
    HttpResponse<String> xss = app.send("POST", "/api/hotspot/users", "{\"username\":\"x<script>\",\"password\":\"secret123\"}");
    assertThat(xss.statusCode()).isEqualTo(400);
    assertThat(xss.body()).contains("security");
    HttpResponse<String> sqli = app.send("POST", "/api/hotspot/users",
        "{\"username\":\"sqli-user\",\"password\":\"secret123\",\"comment\":\"x' OR '1'='1\"}");
    assertThat(sqli.statusCode()).isEqualTo(400);
    HttpResponse<String> notJson = app.send("POST", "/api/hotspot/users", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).doesNotContain("at com.").doesNotContain("Exception:");
    HttpResponse<String> noProfile = app.send("POST", "/api/hotspot/users", "{\"username\":\"np-user\",\"password\":\"secret123\",\"profile\":\"gold\"}");
    assertThat(noProfile.statusCode()).isEqualTo(400);
    assertThat(noProfile.body()).contains("profile 'gold' does not exist");
    assertThat(app.sim.hotspotUsers()).hasSize(before);
  }

  @Test
  void shouldAnswerDuplicatesWith409AndMissingUsersWith404() throws Exception {
    String body = "{\"username\":\"dup-user\",\"password\":\"secret123\"}";
    assertThat(app.send("POST", "/api/hotspot/users", body).statusCode()).isEqualTo(201);
    HttpResponse<String> dup = app.send("POST", "/api/hotspot/users", body);
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(dup.body()).contains("already have user with this name");
    assertThat(app.send("GET", "/api/hotspot/users/nobody-here", null).statusCode()).isEqualTo(404);
    assertThat(app.send("DELETE", "/api/hotspot/users/nobody-here", null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldCreateAPppoeSecretAndManageItsLifecycle() throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/pppoe/secrets",
        "{\"username\":\"ppp-bob\",\"password\":\"secret123\",\"profile\":\"default\",\"localAddress\":\"10.0.0.1\",\"remoteAddress\":\"10.0.0.2\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(app.sim.pppSecrets()).anySatisfy(s -> assertThat(s).containsEntry("name", "ppp-bob")
        .containsEntry("service", "pppoe").containsEntry("remote-address", "10.0.0.2"));
    assertThat(app.send("POST", "/api/pppoe/secrets/ppp-bob/disable", null).statusCode()).isEqualTo(200);
    assertThat(app.sim.pppSecrets()).anySatisfy(s -> assertThat(s).containsEntry("name", "ppp-bob").containsEntry("disabled", "true"));
    assertThat(app.send("DELETE", "/api/pppoe/secrets/ppp-bob", null).statusCode()).isEqualTo(204);
    assertThat(app.sim.pppSecrets()).noneSatisfy(s -> assertThat(s).containsEntry("name", "ppp-bob"));
  }

  @Test
  void shouldApplyEveryCsvRowOnceAndWriteAResultFile() throws Exception {
    Path inbox = home.resolve("data/inbox/vouchers");
    Files.createDirectories(inbox);
    String csv = """
        username,password,profile,limit_uptime,limit_bytes_total,price,comment
        csv-v1,secret123,default,1h,1G,2.50,first
        csv-v2,short,default,1h,,1.00,bad password
        csv-v3,secret123,default,30m,500M,2.50,"with, comma"
        """;
    Files.writeString(inbox.resolve("drop1.csv.tmp"), csv);
    Files.move(inbox.resolve("drop1.csv.tmp"), inbox.resolve("drop1.csv"));
    Path result = home.resolve("data/outbox/vouchers/drop1.result.csv");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
    List<String> lines = Files.readAllLines(result);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith("1,csv-v1,ok,*");
    assertThat(lines.get(2)).startsWith("2,csv-v2,error,,").contains("password must be 8 to 64 characters");
    assertThat(lines.get(3)).startsWith("3,csv-v3,ok,*");
    assertThat(routerUser("csv-v1")).containsEntry("limit-uptime", "1h").containsEntry("comment", "first");
    assertThat(routerUser("csv-v3")).containsEntry("comment", "with, comma");
    assertThat(routerUser("csv-v2")).isNull();
    await().until(() -> !Files.exists(inbox.resolve("drop1.csv")));

    long served = app.sim.commandsServed();
    Files.writeString(inbox.resolve("drop1.csv.tmp"), csv);
    Files.move(inbox.resolve("drop1.csv.tmp"), inbox.resolve("drop1.csv"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve("drop1.csv")) && Files.exists(result));
    assertThat(Files.readAllLines(result)).as("the same file again: same outcomes").isEqualTo(lines);
    assertThat(app.sim.hotspotUsers().stream().filter(u -> u.get("name").startsWith("csv-v"))).hasSize(2);
    assertThat(app.sim.commandsServed() - served).as("no row was sent to the router again").isLessThanOrEqualTo(4);
  }

  @Test
  void shouldApplyAJmsMessageFromAPlainStompClientAndDeadLetterABadOneWithItsReason() throws Exception {
    app.stompSend("billing.requests",
        "{\"action\":\"createHotspotUser\",\"username\":\"jms-carol\",\"password\":\"secret123\",\"profile\":\"default\",\"comment\":\"from billing\"}",
        Map.of("priority", "9"));
    await().atMost(Duration.ofSeconds(30)).until(() -> routerUser("jms-carol") != null);
    assertThat(routerUser("jms-carol")).containsEntry("comment", "from billing").containsEntry("profile", "default");

    app.stompSend("billing.requests", "{\"action\":\"createHotspotUser\",\"username\":\"j\",\"password\":\"secret123\"}", Map.of());
    String dead = app.stompReceive("billing.requests.DLQ");
    assertThat(dead).startsWith("MESSAGE").contains("MikroBillReason:").contains("username must be 3 to 32 characters")
        .contains("\"username\":\"j\"");
    assertThat(routerUser("j")).isNull();
  }
}
