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
        .containsEntry("limit-bytes-total", "1073741824").hasEntrySatisfying("comment", c -> assertThat(io.mikrobill.billing.RequestMark.strip(c)).isEqualTo("shop order 17"))
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
    // The router now drops every command: a repeat that reached it could not answer 201.
    // (Counting the router's commands would also count the metrics poller's.)
    HttpResponse<String> second = app.sendWhileRouterFails("drop-after=1", "/api/hotspot/users", body, key);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).as("the repeat never reached the router: %s", second.body()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(app.sim.hotspotUsers().stream().filter(u -> "idem-user".equals(u.get("name")))).hasSize(1);
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
    assertThat(routerUser("csv-v1")).containsEntry("limit-uptime", "1h").hasEntrySatisfying("comment", c -> assertThat(io.mikrobill.billing.RequestMark.strip(c)).isEqualTo("first"));
    assertThat(routerUser("csv-v3")).hasEntrySatisfying("comment", c -> assertThat(io.mikrobill.billing.RequestMark.strip(c)).isEqualTo("with, comma"));
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
    assertThat(routerUser("jms-carol")).hasEntrySatisfying("comment", c -> assertThat(io.mikrobill.billing.RequestMark.strip(c)).isEqualTo("from billing")).containsEntry("profile", "default");

    app.stompSend("billing.requests", "{\"action\":\"createHotspotUser\",\"username\":\"j\",\"password\":\"secret123\"}", Map.of());
    String dead = app.stompReceive("billing.requests.DLQ");
    assertThat(dead).startsWith("MESSAGE").contains("MikroBillReason:").contains("username must be 3 to 32 characters")
        .contains("\"username\":\"j\"").contains("\"password\":\"***\"").doesNotContain("secret123");
    // MikroBill's own broker login: a generated password only its owner can read
    assertThat(Files.getPosixFilePermissions(home.resolve("data/broker-password")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(routerUser("j")).isNull();
  }

  @Test
  void shouldRefuseAFileWithABadHeaderWithItsReasonInTheResultFile() throws Exception {
    Path inbox = home.resolve("data/inbox/vouchers");
    Files.createDirectories(inbox);
    Files.writeString(inbox.resolve("badheader.tmp"), "user,pass\nx,y\n");
    Files.move(inbox.resolve("badheader.tmp"), inbox.resolve("badheader.csv"));
    Path result = home.resolve("data/outbox/vouchers/badheader.result.csv");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
    assertThat(Files.readAllLines(result).get(1)).startsWith("0,,error,,\"the header must be");
    try (var left = Files.list(home.resolve("data/outbox/vouchers"))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void shouldGenerateVouchersRecordTheLedgerAndRevokeOne() throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/vouchers", "{\"count\":5,\"profile\":\"default\",\"price\":\"1.50\",\"prefix\":\"HS\",\"codeLength\":8}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.body()).contains("\"created\":5").contains("\"failed\":0");
    List<String> codes = app.sim.hotspotUsers().stream().map(u -> u.get("name")).filter(n -> n.startsWith("HS")).toList();
    assertThat(codes).hasSize(5).allSatisfy(c -> assertThat(c).matches("HS[34679ACDEFGHJKMNPQRTUVWXY]{8}"));
    HttpResponse<String> list = app.send("GET", "/api/vouchers?state=CREATED", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(codes.get(0)).contains("\"price\":1.5");
    assertThat(app.send("DELETE", "/api/vouchers/" + codes.get(0), null).statusCode()).isEqualTo(204);
    assertThat(app.sim.hotspotUsers()).noneSatisfy(u -> assertThat(u).containsEntry("name", codes.get(0)));
    assertThat(app.send("GET", "/api/vouchers?state=REVOKED", null).body()).contains(codes.get(0));
    assertThat(app.send("DELETE", "/api/vouchers/NOSUCHCODE1", null).statusCode()).isEqualTo(404);
    assertThat(app.send("GET", "/monitoring/metrics", null).body()).contains("mikrotik_vouchers_created_total")
        .contains("mikrotik_revenue_total").contains("mikrotik_active_users_hotspot");
  }

  @Test
  void shouldRunAnyCommandThroughExecute() throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/execute",
        "{\"command\":\"/system/identity/print\",\"args\":[],\"priority\":\"high\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"name\":\"MikroTik\"");
    HttpResponse<String> bad = app.send("POST", "/api/execute", "{\"command\":\"/system/reboot; /quit\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void shouldReportMonitoringEndpoints() throws Exception {
    assertThat(app.send("GET", "/monitoring/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = app.send("GET", "/monitoring/ready", null);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
    HttpResponse<String> health = app.send("GET", "/monitoring/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("routeros-default").contains("consumer:vouchers-csv").contains("file:(hidden)")
        .doesNotContain(app.home.toString());
    assertThat(app.send("GET", "/monitoring/status", null).body()).contains("\"circuitBreaker\":\"CLOSED\"");
    assertThat(app.send("GET", "/api/openapi.json", null).body()).contains("/api/hotspot/users");
  }

  @Test
  void shouldSyncTheRoutersProfilesWithTheConfiguredOnes() throws Exception {
    HttpResponse<String> first = app.send("POST", "/api/profiles/sync", "{}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("\"added\":[\"1h-5M\",\"1d-10M\"]").contains("\"added\":[\"home-10M\",\"business-50M\"]");
    assertThat(app.sim.hotspotProfiles()).anySatisfy(p -> assertThat(p).containsEntry("name", "1h-5M").containsEntry("rate-limit", "5M/5M"));
    HttpResponse<String> again = app.send("POST", "/api/profiles/sync", "{}");
    assertThat(again.body()).contains("\"unchanged\":[\"1h-5M\",\"1d-10M\"]");
  }

  /**
   * What a kill -9 in the middle of a file leaves behind, rebuilt by hand: rows 1 and 2 were
   * applied on the router but their outcomes never written (PENDING), row 3 was claimed and never
   * sent, rows 4 and 5 never reached. Taking the file up again applies every row exactly once.
   */
  @Test
  void shouldFinishAFileInterruptedByACrashWithoutApplyingAnyRowTwice() throws Exception {
    String csv = "username,password,profile,limit_uptime,limit_bytes_total,price,comment\n"
        + "crash-1,secret123,default,,,1.00,a\ncrash-2,secret123,default,,,1.00,b\ncrash-3,secret123,default,,,1.00,c\n"
        + "crash-4,secret123,default,,,1.00,d\ncrash-5,secret123,default,,,1.00,e\n";
    String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    // The running application's database, opened again in this process (H2 allows that within one
    // process, and refuses another process).
    try (io.mikrobill.persistence.Database db = io.mikrobill.persistence.Database.open(
        io.mikrobill.persistence.DatabaseSettings.from(Map.<String, String>of()::get, home.resolve("data")))) {
      io.mikrobill.persistence.RequestOutcomes outcomes = new io.mikrobill.persistence.RequestOutcomes(db.dataSource(), db.secrets());
      for (int row = 1; row <= 3; row++) {
        assertThat(outcomes.claim("csv", digest + ":" + row)).isEmpty();
      }
    }
    // What the crashed attempt left on the router: rows 1 and 2 applied, with their requests' marks.
    List<io.mikrobill.routeros.protocol.Command> left = new java.util.ArrayList<>();
    for (int row = 1; row <= 2; row++) {
      String mark = io.mikrobill.billing.RequestMark.of("csv", digest + ":" + row);
      left.add(io.mikrobill.routeros.protocol.Command.of("/ip/hotspot/user/add", "=name=crash-" + row,
          "=password=secret123", "=comment=" + (row == 1 ? "a" : "b") + " [" + mark + "]"));
    }
    app.onRouter(left.toArray(io.mikrobill.routeros.protocol.Command[]::new));

    Path inbox = home.resolve("data/inbox/vouchers");
    Files.createDirectories(inbox);
    Files.writeString(inbox.resolve("crash.tmp"), csv);
    Files.move(inbox.resolve("crash.tmp"), inbox.resolve("crash.csv"));
    Path result = home.resolve("data/outbox/vouchers/crash.result.csv");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
    List<String> lines = Files.readAllLines(result);
    assertThat(lines.subList(1, 6)).allSatisfy(l -> assertThat(l).contains(",ok,"));
    for (int i = 1; i <= 5; i++) {
      String n = "crash-" + i;
      assertThat(app.sim.hotspotUsers().stream().filter(u -> n.equals(u.get("name")))).as(n).hasSize(1);
    }
  }

  @Test
  void shouldAnswerAJmsReplyToWithTheResult() throws Exception {
    jakarta.jms.ConnectionFactory cf = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
        "tcp://127.0.0.1:" + app.brokerPort);
    // a billing key gets its replies on its own reply queue, billing.replies.<login>
    try (jakarta.jms.Connection c = cf.createConnection(app.sender, app.senderKey)) {
      c.start();
      jakarta.jms.Session session = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
      jakarta.jms.Queue replies = session.createQueue("billing.replies." + app.sender);
      jakarta.jms.TextMessage m = session.createTextMessage(
          "{\"action\":\"createHotspotUser\",\"username\":\"jms-reply\",\"password\":\"secret123\"}");
      m.setJMSReplyTo(replies);
      session.createProducer(session.createQueue("billing.requests")).send(m);
      jakarta.jms.MessageConsumer replyConsumer = session.createConsumer(replies);
      jakarta.jms.Message reply = replyConsumer.receive(30_000);
      assertThat(reply).isNotNull();
      String text = reply instanceof jakarta.jms.TextMessage t ? t.getText() : new String(reply.getBody(byte[].class));
      assertThat(text).contains("\"status\":\"applied\"").contains("\"id\":\"*");

      jakarta.jms.TextMessage bad = session.createTextMessage("{\"action\":\"removeEverything\"}");
      bad.setJMSReplyTo(replies);
      session.createProducer(session.createQueue("billing.requests")).send(bad);
      jakarta.jms.Message refusal = replyConsumer.receive(30_000);
      assertThat(refusal).isNotNull();
      String refusalText = refusal instanceof jakarta.jms.TextMessage t ? t.getText() : new String(refusal.getBody(byte[].class));
      assertThat(refusalText).contains("\"status\":\"refused\"").contains("unknown");
    }
    assertThat(routerUser("jms-reply")).isNotNull();
  }
}
