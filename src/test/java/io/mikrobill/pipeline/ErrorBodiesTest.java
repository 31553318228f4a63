package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad requests to the running application get a reason a client can act on, never a Java class
 * name, SQL or a file path of the server.
 */
@Timeout(120)
class ErrorBodiesTest {

  @TempDir
  static Path home;
  private static RunningPipeline app;

  @BeforeAll
  static void start() throws Exception {
    app = new RunningPipeline(home, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void shouldNameTheVoucherStatesInsteadOfTheEnumsClass() throws Exception {
    HttpResponse<String> r = app.send("GET", "/api/vouchers?state=BOGUS", null);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("state must be one of pending, created, failed, revoked");
    assertNothingInternal(r.body());
  }

  @Test
  void shouldRefuseABadPageWith400AndItsReason() throws Exception {
    for (String query : new String[] {"limit=abc", "limit=-1", "limit=0", "offset=-5", "offset=99999999999999999999"}) {
      HttpResponse<String> r = app.send("GET", "/api/vouchers?" + query, null);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.body()).as(query).containsPattern("(limit|offset) must be a whole number of at least [01]");
      assertNothingInternal(r.body());
    }
  }

  @Test
  void shouldAnswerAForgedLogLineInAParameterWithoutEchoingItsLineBreak() throws Exception {
    HttpResponse<String> r = app.send("GET", "/api/vouchers?limit=1%0A2026-12-01%2000:00:00.000%20INFO%20admin%20login%20ok", null);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("admin login ok").doesNotContain("\n");
    assertNothingInternal(r.body());
  }

  @Test
  void shouldAnswerAnUnknownEndpointWithoutInternals() throws Exception {
    HttpResponse<String> r = app.send("GET", "/monitoring/nothing", null);

    assertThat(r.statusCode()).isEqualTo(404);
    assertNothingInternal(r.body());
  }

  private static void assertNothingInternal(String body) {
    assertThat(body).doesNotContain("io.mikrobill").doesNotContain("java.").doesNotContain("org.apache")
        .doesNotContain("Exception").doesNotContain("SELECT").doesNotContain(home.toString()).doesNotContain("file:");
  }
}
