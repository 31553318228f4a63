package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mikrobill.persistence.SecurityEvent;
import io.mikrobill.persistence.SecurityEvents;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what over HTTP, tried against the running application: every endpoint refuses an
 * anonymous caller and gives each role exactly its rights; logins, logouts and lockouts; keys
 * shown once; /api/execute for admins only and never a password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SecurityHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  enum Who { ANONYMOUS, ADMIN, OPERATOR, BILLING, MONITOR }

  private static final Set<Who> ALL = EnumSet.of(Who.ADMIN, Who.OPERATOR, Who.BILLING, Who.MONITOR);
  private static final Set<Who> STAFF = EnumSet.of(Who.ADMIN, Who.OPERATOR);
  private static final Set<Who> WRITERS = EnumSet.of(Who.ADMIN, Who.OPERATOR, Who.BILLING);
  private static final Set<Who> WATCHERS = EnumSet.of(Who.ADMIN, Who.OPERATOR, Who.MONITOR);
  private static final Set<Who> ADMIN = EnumSet.of(Who.ADMIN);
  private static final String USER = "{\"username\":\"%s\",\"password\":\"secret123\"}";

  /** One endpoint: method, path (a concrete one), body, and who may call it (null: public). */
  record Endpoint(String method, String template, String path, String body, Set<Who> allowed) {}

  /** Every endpoint the application serves, with the roles the issue gives each. */
  private static List<Endpoint> table() {
    List<Endpoint> t = new ArrayList<>();
    for (String users : List.of("/api/hotspot/users", "/api/pppoe/secrets")) {
      t.add(new Endpoint("POST", users, users, USER, WRITERS));
      t.add(new Endpoint("GET", users, users, null, STAFF));
      t.add(new Endpoint("GET", users + "/{username}", users + "/nobody-here", null, STAFF));
      t.add(new Endpoint("PATCH", users + "/{username}", users + "/nobody-here", "{\"comment\":\"x\"}", WRITERS));
      t.add(new Endpoint("DELETE", users + "/{username}", users + "/nobody-here", null, WRITERS));
      t.add(new Endpoint("POST", users + "/{username}/enable", users + "/nobody-here/enable", null, WRITERS));
      t.add(new Endpoint("POST", users + "/{username}/disable", users + "/nobody-here/disable", null, WRITERS));
    }
    t.add(new Endpoint("GET", "/api/sessions", "/api/sessions", null, STAFF));
    t.add(new Endpoint("DELETE", "/api/sessions/{id}", "/api/sessions/*99?type=hotspot", null, STAFF));
    t.add(new Endpoint("GET", "/api/profiles", "/api/profiles", null, STAFF));
    t.add(new Endpoint("POST", "/api/profiles/sync", "/api/profiles/sync", null, STAFF));
    t.add(new Endpoint("POST", "/api/execute", "/api/execute", "{\"command\":\"/system/identity/print\"}", ADMIN));
    t.add(new Endpoint("POST", "/api/vouchers", "/api/vouchers", "{\"count\":1,\"profile\":\"default\"}", WRITERS));
    t.add(new Endpoint("GET", "/api/vouchers", "/api/vouchers", null, STAFF));
    t.add(new Endpoint("DELETE", "/api/vouchers/{code}", "/api/vouchers/NOSUCHCODE", null, STAFF));
    t.add(new Endpoint("GET", "/api/openapi.json", "/api/openapi.json", null, ALL));
    t.add(new Endpoint("GET", "/monitoring/live", "/monitoring/live", null, null));
    t.add(new Endpoint("GET", "/monitoring/ready", "/monitoring/ready", null, null));
    t.add(new Endpoint("GET", "/monitoring/health", "/monitoring/health", null, WATCHERS));
    t.add(new Endpoint("GET", "/monitoring/status", "/monitoring/status", null, WATCHERS));
    t.add(new Endpoint("GET", "/monitoring/metrics", "/monitoring/metrics", null, WATCHERS));
    // A login without a password is bad input (400), not a failed login: the table locks out nobody.
    t.add(new Endpoint("POST", "/auth/login", "/auth/login", "{\"username\":\"nobody\"}", null));
    t.add(new Endpoint("GET", "/auth/me", "/auth/me", null, ALL));
    t.add(new Endpoint("POST", "/auth/logout", "/auth/logout", null, ALL));
    for (String what : List.of("users", "keys")) {
      t.add(new Endpoint("GET", "/admin/" + what, "/admin/" + what, null, ADMIN));
      t.add(new Endpoint("POST", "/admin/" + what, "/admin/" + what, "{\"name\":\"@\",\"role\":\"monitor\"}", ADMIN));
      for (String verb : List.of("disable", "enable", "rotate")) {
        t.add(new Endpoint("POST", "/admin/" + what + "/{name}/" + verb, "/admin/" + what + "/nobody-here/" + verb, null, ADMIN));
      }
    }
    return t;
  }

  private RunningPipeline app;
  private final Map<Who, String> keys = new LinkedHashMap<>();

  private io.mikrobill.routeros.simulator.RouterOsSimulator sim;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    // Two routers, default and branch, on one simulated router: enough to see a key kept to one.
    sim = new io.mikrobill.routeros.simulator.RouterOsSimulator(
        io.mikrobill.routeros.simulator.SimulatorOptions.forTests().password("pw").build());
    sim.start();
    app = new RunningPipeline(home, Map.of("MIKROTIK_ROUTERS", "branch", "MIKROTIK_BRANCH_HOST", "127.0.0.1",
        "MIKROTIK_BRANCH_PORT", String.valueOf(sim.port()), "MIKROTIK_BRANCH_PASSWORD", "pw"), sim);
    keys.put(Who.ADMIN, app.adminKey);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> app.send("GET", "/monitoring/ready", null).statusCode() == 200);
    for (Who w : List.of(Who.OPERATOR, Who.BILLING, Who.MONITOR)) {
      keys.put(w, app.key("table-" + w.name().toLowerCase(), w.name().toLowerCase()));
    }
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
    sim.close();
  }

  private HttpResponse<String> call(Endpoint e, Who who) throws Exception {
    String auth = who == Who.ANONYMOUS ? "" : "Bearer " + keys.get(who);
    return app.send(e.method(), e.path(), e.body(), Map.of("Authorization", auth));
  }

  @Test
  void shouldGiveEveryRoleExactlyItsRightsOnEveryEndpointAndRefuseAnonymousCallers() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Endpoint e : table()) {
      for (Who who : Who.values()) {
        HttpResponse<String> r = call(e, who);
        boolean allowed = e.allowed() == null || (who != Who.ANONYMOUS && e.allowed().contains(who));
        int expected = allowed ? -1 : who == Who.ANONYMOUS ? 401 : 403;
        // Allowed: anything but a refusal of the caller (a probe may say 503 DOWN; the API never 500s).
        boolean ok = allowed
            ? r.statusCode() != 401 && r.statusCode() != 403 && (r.statusCode() < 500 || e.path().startsWith("/monitoring/"))
            : r.statusCode() == expected;
        if (!ok) {
          wrong.add(who + " " + e.method() + " " + e.path() + " -> " + r.statusCode() + " " + r.body());
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
          Map<?, ?> body = JSON.readValue(r.body(), Map.class);
          assertThat(body.get("status")).isEqualTo(r.statusCode());
          assertThat(((Map<?, ?>) body.get("error")).keySet()).map(String::valueOf).contains("type", "message", "severity", "recoverySuggestions");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldCoverEveryHttpRouteOfTheApplicationInTheTable() {
    Set<String> served = new TreeSet<>();
    Pattern uri = Pattern.compile("platform-http://(/[^?]*)(?:\\?(.*))?");
    Pattern rest = Pattern.compile("rest://([a-z]+):(/[^:?]*)(?::(/[^?]*))?(?:\\?.*)?");
    for (Route r : app.routes()) {
      String endpoint = java.net.URLDecoder.decode(r.getEndpoint().getEndpointUri(), java.nio.charset.StandardCharsets.UTF_8);
      Matcher rm = rest.matcher(endpoint);
      if (rm.matches()) {
        served.add(rm.group(1).toUpperCase() + " " + (rm.group(2) + (rm.group(3) == null ? "" : rm.group(3)))
            .replaceAll("\\{[^}]+}", "{}"));
      }
      Matcher m = uri.matcher(endpoint);
      if (m.matches()) {
        String query = m.group(2) == null ? "" : m.group(2);
        Matcher method = Pattern.compile("httpMethodRestrict=([A-Z,]+)").matcher(query);
        String methods = method.find() ? method.group(1) : "*";
        for (String verb : methods.split(",")) {
          served.add(verb + " " + m.group(1).replaceAll("\\{[^}]+}", "{}"));
        }
      }
    }
    Set<String> listed = new TreeSet<>();
    table().forEach(e -> listed.add(e.method() + " " + e.template().replaceAll("\\{[^}]+}", "{}")));
    listed.remove("GET /api/openapi.json");
    assertThat(served).isNotEmpty().isEqualTo(listed);
  }

  @Test
  void shouldLogInWithTheFirstStartPasswordUseTheSessionAndLogOut() throws Exception {
    Path file = app.home.resolve("data/initial-admin-password");
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
    String password = Files.readString(file).strip();
    HttpResponse<String> login = app.send("POST", "/auth/login",
        "{\"username\":\"admin\",\"password\":\"" + password + "\"}", Map.of("Authorization", ""));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    Map<?, ?> session = JSON.readValue(login.body(), Map.class);
    String token = (String) session.get("token");
    assertThat(session.get("expiresAt")).isNotNull();
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("mikrobill_session=" + token)
        .contains("HttpOnly").contains("SameSite=Strict");

    assertThat(app.send("GET", "/monitoring/status", null, Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
    assertThat(app.send("GET", "/auth/me", null, Map.of("Authorization", "", "Cookie", "mikrobill_session=" + token)).body())
        .contains("\"name\":\"admin\"").contains("\"role\":\"admin\"");

    assertThat(app.send("GET", "/auth/me", null, Map.of("Authorization", "", "Cookie", "mikrobill_session=" + token,
        "Sec-Fetch-Site", "cross-site")).statusCode()).as("the cookie from another site's page").isEqualTo(401);

    assertThat(app.send("POST", "/auth/logout", null, Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(204);
    assertThat(app.send("GET", "/monitoring/status", null, Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(401);
  }

  @Test
  void shouldNeverReplayOnePrincipalsAnswerToAnotherUnderTheSameIdempotencyKey() throws Exception {
    String body = "{\"count\":2,\"profile\":\"default\",\"prefix\":\"IK\"}";
    HttpResponse<String> first = app.send("POST", "/api/vouchers", body, Map.of("Idempotency-Key", "batch-42"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    HttpResponse<String> other = app.send("POST", "/api/vouchers", body,
        Map.of("Idempotency-Key", "batch-42", "Authorization", "Bearer " + keys.get(Who.BILLING)));
    assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
    assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
    List<?> firstCodes = (List<?>) JSON.readValue(first.body(), Map.class).get("vouchers");
    assertThat(other.body()).doesNotContain(String.valueOf(((Map<?, ?>) firstCodes.get(0)).get("code")));
    HttpResponse<String> repeat = app.send("POST", "/api/vouchers", body, Map.of("Idempotency-Key", "batch-42"));
    assertThat(repeat.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(repeat.body()).isEqualTo(first.body());
  }

  @Test
  void shouldShowANewKeyOnceAndKeepItToItsRouters() throws Exception {
    HttpResponse<String> unknown = app.send("POST", "/admin/keys", "{\"name\":\"x-shop\",\"role\":\"billing\",\"routers\":[\"main\"]}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no router named 'main'").contains("branch, default");
    HttpResponse<String> created = app.send("POST", "/admin/keys",
        "{\"name\":\"branch-shop\",\"role\":\"billing\",\"routers\":[\"branch\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(app.send("POST", "/admin/keys", "{\"name\":\"branch-shop\",\"role\":\"billing\"}").statusCode())
        .as("a name taken").isEqualTo(409);
    String key = (String) JSON.readValue(created.body(), Map.class).get("key");
    assertThat(key).startsWith("mbk_");
    HttpResponse<String> listed = app.send("GET", "/admin/keys", null);
    assertThat(listed.body()).contains("branch-shop").doesNotContain(key).doesNotContain(key.substring(4, 20));

    Map<String, String> asShop = Map.of("Authorization", "Bearer " + key);
    HttpResponse<String> elsewhere = app.send("POST", "/api/hotspot/users", String.format(USER, "branch-user"), asShop);
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
    assertThat(elsewhere.body()).contains("may not act on router 'default'");
    HttpResponse<String> there = app.send("POST", "/api/hotspot/users",
        "{\"username\":\"branch-user\",\"password\":\"secret123\",\"router\":\"branch\"}", asShop);
    assertThat(there.statusCode()).as(there.body()).isEqualTo(201);
    assertThat(app.send("POST", "/api/vouchers", "{\"count\":1,\"profile\":\"default\"}", asShop).statusCode()).isEqualTo(403);

    // An operator kept to branch sees and revokes only branch's vouchers.
    String op = app.principals().createKey("branch-op", io.mikrobill.security.Role.OPERATOR, Set.of("branch"));
    Map<String, String> asOp = Map.of("Authorization", "Bearer " + op);
    HttpResponse<String> onDefault = app.send("POST", "/api/vouchers", "{\"count\":1,\"profile\":\"default\",\"prefix\":\"DF\"}");
    String defaultCode = String.valueOf(((Map<?, ?>) ((List<?>) JSON.readValue(onDefault.body(), Map.class).get("vouchers")).get(0))
        .get("code"));
    HttpResponse<String> onBranch = app.send("POST", "/api/vouchers",
        "{\"count\":1,\"profile\":\"default\",\"prefix\":\"BR\",\"router\":\"branch\"}", asOp);
    assertThat(onBranch.statusCode()).as(onBranch.body()).isEqualTo(201);
    HttpResponse<String> seen = app.send("GET", "/api/vouchers?limit=1000", null, asOp);
    assertThat(seen.body()).contains("\"router\":\"branch\"").doesNotContain("\"router\":\"default\"").doesNotContain(defaultCode);
    assertThat(app.send("DELETE", "/api/vouchers/" + defaultCode, null, asOp).statusCode()).isEqualTo(403);
    assertThat(app.send("GET", "/api/hotspot/users", null, asOp).statusCode()).isEqualTo(403);
    assertThat(app.send("GET", "/api/hotspot/users?router=branch", null, asOp).statusCode()).isEqualTo(200);

    HttpResponse<String> rotated = app.send("POST", "/admin/keys/branch-shop/rotate", null);
    String newKey = (String) JSON.readValue(rotated.body(), Map.class).get("key");
    assertThat(newKey).isNotEqualTo(key);
    assertThat(app.send("GET", "/auth/me", null, Map.of("Authorization", "Bearer " + key)).statusCode()).isEqualTo(401);
    assertThat(app.send("GET", "/auth/me", null, Map.of("Authorization", "Bearer " + newKey)).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldHoldABrokerSenderToItsRoutersAndRecordWhoSentWhatWasApplied() throws Exception {
    String key = app.principals().createKey("queue-branch", io.mikrobill.security.Role.BILLING, Set.of("branch"));
    app.stompSendAs("queue-branch", key, "billing.requests",
        "{\"action\":\"createHotspotUser\",\"username\":\"q-default\",\"password\":\"secret123\"}", Map.of());
    String dead = app.stompReceive("billing.requests.DLQ");
    assertThat(dead).contains("q-default").contains("may not createHotspotUser on router 'default'");
    app.stompSendAs("queue-branch", key, "billing.requests",
        "{\"action\":\"createHotspotUser\",\"username\":\"q-branch\",\"password\":\"secret123\",\"router\":\"branch\"}",
        Map.of());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
        .until(() -> sim.hotspotUsers().stream().anyMatch(u -> "q-branch".equals(u.get("name"))));
    assertThat(sim.hotspotUsers()).noneMatch(u -> "q-default".equals(u.get("name")));
  }

  @Test
  void shouldRefuseEachDangerousExecuteCommandAndNeverReturnPasswords() throws Exception {
    for (String cmd : List.of("/system/reboot", "/user/add", "/system/script/add", "/tool/fetch", "/ip/firewall/filter/add",
        "/system/reset-configuration", "/ip/service/set", "/file/print")) {
      HttpResponse<String> r = app.send("POST", "/api/execute", "{\"command\":\"" + cmd + "\",\"args\":[\"=address=0.0.0.0/0\"]}");
      assertThat(r.statusCode()).as(cmd).isEqualTo(403);
    }
    HttpResponse<String> follow = app.send("POST", "/api/execute", "{\"command\":\"/ip/hotspot/user/print\",\"args\":[\"=follow=\"]}");
    assertThat(follow.statusCode()).isEqualTo(400);
    // Java's client refuses to send a malformed query, so it goes over a plain socket.
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", app.httpPort)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET /api/hotspot/users?useCache=%ZZ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + app.adminKey
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json").contains("percent-encoding");
    }
    HttpResponse<String> badJson = app.send("POST", "/api/vouchers", "{");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).contains("line 1").doesNotContain("Source").doesNotContain("StreamReadFeature");
    assertThat(app.send("POST", "/api/hotspot/users", String.format(USER, "proplist-user")).statusCode()).isEqualTo(201);
    HttpResponse<String> read = app.send("POST", "/api/execute",
        "{\"command\":\"/ip/hotspot/user/print\",\"args\":[\"?name=proplist-user\",\"=.proplist=name,password\"]}");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("proplist-user").doesNotContain("secret123").doesNotContain("password");
  }
}
