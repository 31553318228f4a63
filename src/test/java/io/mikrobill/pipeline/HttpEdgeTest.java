package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP edge against the assembled application: only documented headers pass either way, every
 * endpoint answers bad input with its status and the JSON error, Idempotency-Key binds only final
 * answers, the routes do not multiply with traffic, and the voucher counters never fall.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class HttpEdgeTest {

  private RunningPipeline app;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    app = new RunningPipeline(home, Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  private HttpResponse<String> create(String name) throws Exception {
    return app.send("POST", "/api/hotspot/users", "{\"username\":\"" + name + "\",\"password\":\"secret123\"}");
  }

  private Map<String, String> routerUser(String name) {
    return app.sim.hotspotUsers().stream().filter(u -> name.equals(u.get("name"))).findFirst().orElse(null);
  }

  @Test
  void shouldKeepTheRouteCountWhateverCommandsAreExecuted() throws Exception {
    int before = app.routeCount();
    for (int i = 0; i < 2000; i++) {
      HttpResponse<String> r = app.send("POST", "/api/execute", "{\"command\":\"/ip/x" + i + "/print\"}");
      assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    }
    assertThat(app.routeCount()).isEqualTo(before);
  }

  @Test
  void shouldIgnoreEveryClientRouterOsAndCamelHeader() throws Exception {
    assertThat(create("hdr-user").statusCode()).isEqualTo(201);
    Map<String, String> injected = Map.of("RouterOsCommand", "/ip/hotspot/user/remove", "RouterOsCacheKey", "x",
        "RouterOsCacheTtl", "999999", "RouterOsQueries", "?name=nobody", "RouterOsRouter", "nowhere",
        "CamelHttpResponseCode", "200");
    HttpResponse<String> disabled = app.sendRaw("POST", "/api/hotspot/users/hdr-user/disable", null, null, injected);
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(routerUser("hdr-user")).as("disabled, not removed").containsEntry("disabled", "true");
    HttpResponse<String> list = app.sendRaw("GET", "/api/hotspot/users?useCache=false", null, null, injected);
    assertThat(list.body()).contains("\"username\":\"hdr-user\"");
    HttpResponse<String> cached = app.sendRaw("GET", "/api/hotspot/users", null, null, injected);
    assertThat(cached.body()).contains("\"username\":\"hdr-user\"");
  }

  @Test
  void shouldEchoNoQueryParameterOrInternalHeaderIntoTheResponse() throws Exception {
    HttpResponse<String> created = app.sendRaw("POST", "/api/hotspot/users?Set-Cookie=a%3Db&Access-Control-Allow-Origin=evil",
        "{\"username\":\"echo-user\",\"password\":\"secret123\"}", "application/json", Map.of());
    assertThat(created.statusCode()).isEqualTo(201);
    HttpResponse<String> listed = app.sendRaw("GET", "/api/hotspot/users?Access-Control-Allow-Origin=evil&X-Injected=1", null,
        null, Map.of());
    for (HttpResponse<String> r : List.of(created, listed)) {
      assertThat(r.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("set-cookie")
          || h.equalsIgnoreCase("access-control-allow-origin") || h.equalsIgnoreCase("x-injected")
          || h.toLowerCase().startsWith("routeros") || h.toLowerCase().startsWith("camel"));
      assertThat(r.headers().map().toString()).doesNotContain("secret123");
    }
  }

  @Test
  void shouldRefuseAnUnknownRouterWith400NamingTheConfiguredOnesOnEveryEndpoint() throws Exception {
    List<HttpResponse<String>> answers = List.of(
        app.send("POST", "/api/hotspot/users", "{\"username\":\"r-user\",\"password\":\"secret123\",\"router\":\"nowhere\"}"),
        app.send("GET", "/api/hotspot/users?router=nowhere", null),
        app.send("GET", "/api/pppoe/secrets/someone?router=nowhere", null),
        app.send("GET", "/api/sessions?router=nowhere", null),
        app.send("GET", "/api/profiles?router=nowhere", null),
        app.send("POST", "/api/execute", "{\"command\":\"/system/resource/print\",\"router\":\"nowhere\"}"),
        app.send("POST", "/api/vouchers", "{\"count\":1,\"profile\":\"default\",\"router\":\"nowhere\"}"),
        app.sendRaw("POST", "/api/hotspot/users/someone/disable?router=nowhere", null, null, Map.of()));
    for (HttpResponse<String> r : answers) {
      assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(400);
      assertThat(r.body()).as(r.uri().toString()).contains("nowhere").contains("default").contains("\"error\"");
    }
  }

  @Test
  void shouldRefuseBodiesThatAreNotJsonWithTheirStatusAndTheJsonError() throws Exception {
    String user = "{\"username\":\"ct-user\",\"password\":\"secret123\"}";
    assertThat(app.sendRaw("POST", "/api/hotspot/users", user, "text/plain", Map.of()).statusCode()).isEqualTo(415);
    assertThat(app.sendRaw("POST", "/api/hotspot/users", "username=ct-user&password=secret123",
        "application/x-www-form-urlencoded", Map.of()).statusCode()).isEqualTo(415);
    assertThat(app.sendRaw("POST", "/api/execute", "{\"command\":\"/system/resource/print\"}", "text/plain", Map.of())
        .statusCode()).isEqualTo(415);
    assertThat(app.sendRaw("POST", "/api/vouchers", "count=1", "application/x-www-form-urlencoded", Map.of())
        .statusCode()).isEqualTo(415);
    HttpResponse<String> empty = app.sendRaw("POST", "/api/hotspot/users", null, "application/json", Map.of());
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"error\"").contains("body is required");
    HttpResponse<String> notJson = app.sendRaw("PATCH", "/api/hotspot/users/ct-user", "{not json", "application/json", Map.of());
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not valid JSON");
    assertThat(app.sendRaw("POST", "/api/hotspot/users", "[1,2]", "application/json", Map.of()).statusCode()).isEqualTo(400);
    assertThat(routerUser("ct-user")).isNull();

    assertThat(create("ct-user").statusCode()).isEqualTo(201);
    assertThat(app.sendRaw("POST", "/api/hotspot/users/ct-user/disable", null, null, Map.of()).statusCode()).isEqualTo(200);
    assertThat(app.sendRaw("POST", "/api/hotspot/users/ct-user/enable", "", "application/json", Map.of()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldAnswerADuplicateAs409DuplicateWithLowSeverity() throws Exception {
    assertThat(create("dup-edge").statusCode()).isEqualTo(201);
    HttpResponse<String> dup = create("dup-edge");
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(dup.body()).contains("\"type\":\"duplicate\"").contains("\"severity\":\"low\"").contains("choose another name");
  }

  @Test
  void shouldRefuseAKeyReusedWithAnotherBodyAndNotBindAKeyToAValidationFailure() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "edge-key-1");
    HttpResponse<String> bad = app.send("POST", "/api/hotspot/users", "{\"username\":\"key-user\",\"password\":\"short\"}", key);
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> fixed = app.send("POST", "/api/hotspot/users", "{\"username\":\"key-user\",\"password\":\"secret123\"}", key);
    assertThat(fixed.statusCode()).as("a corrected retry under the same key is processed: %s", fixed.body()).isEqualTo(201);
    HttpResponse<String> again = app.send("POST", "/api/hotspot/users", "{\"password\":\"secret123\",\"username\":\"key-user\"}", key);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(fixed.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    HttpResponse<String> other = app.send("POST", "/api/hotspot/users", "{\"username\":\"key-user2\",\"password\":\"secret123\"}", key);
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.body()).contains("idempotency-key-reused");
    assertThat(routerUser("key-user2")).isNull();
  }

  @Test
  void shouldIssueOneVoucherBatchPerIdempotencyKeyAndNeverLowerTheVoucherCounters() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "batch-1");
    String body = "{\"count\":3,\"profile\":\"default\",\"price\":\"2.50\"}";
    HttpResponse<String> first = app.send("POST", "/api/vouchers", body, key);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    HttpResponse<String> retry = app.send("POST", "/api/vouchers", body, key);
    assertThat(retry.body()).isEqualTo(first.body());
    Matcher batch = Pattern.compile("\"batchId\":\"([^\"]+)\"").matcher(first.body());
    assertThat(batch.find()).isTrue();
    assertThat(app.send("GET", "/api/vouchers?limit=1000&batch=" + batch.group(1), null).body().split("\"code\"", -1)).hasSize(4);
    double createdBefore = metric("mikrotik_vouchers_created_total");
    double revenueBefore = metric("mikrotik_revenue_total");
    assertThat(app.send("POST", "/api/vouchers", body, Map.of("Idempotency-Key", "batch-2")).statusCode()).isEqualTo(201);
    double created = metric("mikrotik_vouchers_created_total");
    double revenue = metric("mikrotik_revenue_total");
    assertThat(created - createdBefore).isEqualTo(3.0);
    assertThat(revenue - revenueBefore).isEqualTo(7.5);

    Matcher code = Pattern.compile("\"code\":\"([A-Z0-9]+)\"").matcher(first.body());
    assertThat(code.find()).isTrue();
    assertThat(app.send("DELETE", "/api/vouchers/" + code.group(1), null).statusCode()).isEqualTo(204);
    assertThat(metric("mikrotik_vouchers_created_total")).isEqualTo(created);
    assertThat(metric("mikrotik_revenue_total")).isEqualTo(revenue);
    assertThat(metric("mikrotik_vouchers_revoked_total")).isEqualTo(1.0);
  }

  @Test
  void shouldReadAndRemoveAUserCreatedOutsideMikroBillWithAShortName() throws Exception {
    app.onRouter(io.mikrobill.routeros.protocol.Command.of("/ip/hotspot/user/add", "=name=ab", "=password=x"));
    HttpResponse<String> read = app.send("GET", "/api/hotspot/users/ab", null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("\"username\":\"ab\"");
    assertThat(app.sendRaw("POST", "/api/hotspot/users/ab/disable", null, null, Map.of()).statusCode()).isEqualTo(200);
    assertThat(app.send("DELETE", "/api/hotspot/users/ab", null).statusCode()).isEqualTo(204);
    assertThat(routerUser("ab")).isNull();
    assertThat(app.send("GET", "/api/hotspot/users/a%3Bb", null).statusCode()).as("the same characters as a new name").isEqualTo(400);
    assertThat(create("ab").statusCode()).as("a new name still needs 3 characters").isEqualTo(400);
  }

  @Test
  void shouldAnswerWithJsonTypesAndTheSameNamesForTheSameThings() throws Exception {
    assertThat(app.send("POST", "/api/hotspot/users", "{\"username\":\"typed-user\",\"password\":\"secret123\","
        + "\"limitBytesTotal\":\"1G\"}").statusCode()).isEqualTo(201);
    String user = app.send("GET", "/api/hotspot/users/typed-user", null).body();
    assertThat(user).contains("\"disabled\":false").contains("\"bytesIn\":0").contains("\"limitBytesTotal\":1073741824")
        .contains("\"username\":\"typed-user\"").doesNotContain("password").doesNotContain("[mb:");
    String profiles = app.send("GET", "/api/profiles", null).body();
    assertThat(profiles).contains("\"name\":\"default\"").doesNotContain("\"username\"");
  }

  @Test
  void shouldRetryNotReplayARequestWhoseAnswerWasGarbled() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "garbled-1");
    String body = "{\"username\":\"garbled-user\",\"password\":\"secret123\"}";
    HttpResponse<String> garbled = app.sendWhileRouterFails("garbage-rate=1", "/api/hotspot/users", body, key);
    assertThat(garbled.statusCode()).as(garbled.body()).isIn(502, 503);
    HttpResponse<String> retried = null;
    for (int i = 0; i < 50 && (retried == null || retried.statusCode() == 503); i++) {
      Thread.sleep(200);
      retried = app.send("POST", "/api/hotspot/users", body, key);
    }
    assertThat(retried.statusCode()).as("a 502 does not bind the key: %s", retried.body()).isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(app.sim.hotspotUsers().stream().filter(u -> "garbled-user".equals(u.get("name")))).hasSize(1);
  }

  @Test
  void shouldRunOnlyReadCommandsThroughExecuteAndRefuseCrossSiteWrites() throws Exception {
    for (String cmd : List.of("/system/reboot", "/user/add", "/ip/hotspot/user/add", "/system/reset-configuration")) {
      HttpResponse<String> r = app.send("POST", "/api/execute", "{\"command\":\"" + cmd + "\"}");
      assertThat(r.statusCode()).as(cmd).isEqualTo(403);
    }
    assertThat(app.send("POST", "/api/execute", "{\"command\":\"/system/resource/print\",\"timeout\":-5}").statusCode())
        .isEqualTo(400);
    assertThat(create("xsite-user").statusCode()).isEqualTo(201);
    HttpResponse<String> crossSite = app.sendRaw("POST", "/api/hotspot/users/xsite-user/disable", null, null,
        Map.of("Sec-Fetch-Site", "cross-site"));
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(app.sendRaw("POST", "/api/hotspot/users/xsite-user/disable", "", "text/plain", Map.of()).statusCode())
        .as("text/plain with an empty body").isEqualTo(415);
    assertThat(routerUser("xsite-user")).containsEntry("disabled", "false");
  }

  @Test
  void shouldTakeTheUserFromThePathOrBodyNeverFromAQueryParameterOrHeader() throws Exception {
    HttpResponse<String> created = app.sendRaw("POST", "/api/hotspot/users?username=qq0001",
        "{\"username\":\"body-user\",\"password\":\"secret123\"}", "application/json", Map.of("username", "hh0001"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(routerUser("body-user")).isNotNull();
    assertThat(routerUser("qq0001")).isNull();
    assertThat(routerUser("hh0001")).isNull();
    assertThat(app.sendRaw("POST", "/api/hotspot/users/body-user/disable?username=other", null, null, Map.of()).statusCode())
        .isEqualTo(200);
    assertThat(routerUser("body-user")).containsEntry("disabled", "true");
    assertThat(app.send("DELETE", "/api/hotspot/users/body-user%20", null).statusCode()).as("a padded path value").isEqualTo(400);
    assertThat(routerUser("body-user")).isNotNull();
  }

  @Test
  void shouldIssueOneBatchForConcurrentVoucherPostsUnderOneKey() throws Exception {
    String body = "{\"count\":1,\"profile\":\"default\",\"price\":\"1.00\"}";
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return app.send("POST", "/api/vouchers", body, Map.of("Idempotency-Key", "concurrent-batch"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    java.util.Set<String> batches = new java.util.HashSet<>();
    for (var a : answers) {
      HttpResponse<String> r = a.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
      Matcher m = Pattern.compile("\"batchId\":\"([^\"]+)\"").matcher(r.body());
      if (m.find()) {
        batches.add(m.group(1));
      }
    }
    assertThat(batches).hasSize(1);
    assertThat(app.send("POST", "/api/vouchers", body, Map.of("Idempotency-Key", "concurrent-batch")).body())
        .contains(batches.iterator().next());
  }

  @Test
  void shouldRefuseQueriesOnSecretsAndVouchersForAnUnknownProfile() throws Exception {
    assertThat(app.send("POST", "/api/execute", "{\"command\":\"/ip/hotspot/user/print\",\"args\":[\"?password=secret123\"]}")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> unknownProfile = app.send("POST", "/api/vouchers", "{\"count\":1,\"profile\":\"nosuchprof\"}");
    assertThat(unknownProfile.statusCode()).as(unknownProfile.body()).isEqualTo(400);
  }

  @Test
  void shouldRefuseABadVoucherStateWithoutNamingAClass() throws Exception {
    HttpResponse<String> r = app.send("GET", "/api/vouchers?state=BOGUS", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("io.mikrobill").doesNotContain("enum constant");
  }

  private double metric(String name) throws Exception {
    String text = app.send("GET", "/monitoring/metrics", null).body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
    assertThat(m.find()).as("%s in %s", name, text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
