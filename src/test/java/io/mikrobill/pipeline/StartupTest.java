package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the application starts, HTTP answers 503 JSON with Retry-After or the real answer, never a
 * 404, and never answers a request without its caller being authenticated.
 */
@Timeout(120)
class StartupTest {

  @Test
  void shouldAnswer503OrTheAnswerButNever404WhileStarting(@TempDir Path home) throws Exception {
    int port = RunningPipeline.freePort();
    // The key exists before the application starts, as one made with `keys create` while it is stopped.
    String key = TestPrincipals.createKey(home, "early", "admin");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    List<String> notFound = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < end) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/hotspot/users"))
              .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          statuses.add(r.statusCode());
          if (r.statusCode() == 503) {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("\"error\"");
          }
          if (r.statusCode() != 503 && r.statusCode() != 200) {
            notFound.add(r.statusCode() + " " + r.body());
          }
          if (r.statusCode() == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // the server is not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });
    try (RunningPipeline app = new RunningPipeline(home, Map.of("PORT", String.valueOf(port)))) {
      client.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(notFound).as("answers other than 503 or 200 while starting").isEmpty();
      assertThat(statuses).contains(200);
      HttpResponse<String> missing = app.send("GET", "/api/no-such-thing", null);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("\"error\"").contains("no such endpoint");
      HttpResponse<String> html = app.sendRaw("GET", "/api/hotspot/users", null, null, Map.of("Accept", "text/html"));
      assertThat(html.statusCode()).isEqualTo(406);
      assertThat(html.body()).contains("application/json only");
    }
  }
}
