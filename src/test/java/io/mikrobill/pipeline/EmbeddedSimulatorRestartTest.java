package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.MikroBillTestAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** On embedded defaults (no MIKROTIK_HOST) the simulated router keeps its users across a restart of the application. */
@Timeout(120)
class EmbeddedSimulatorRestartTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldKeepTheEmbeddedRoutersUsersAcrossARestart(@TempDir Path home) throws Exception {
    RunningPipeline.copyTree(Path.of("routes"), home.resolve("routes"));
    RunningPipeline.copyTree(Path.of("kamelets"), home.resolve("kamelets"));
    Files.copy(Path.of("profiles.json"), home.resolve("profiles.json"));
    int port = RunningPipeline.freePort();
    Map<String, String> env = Map.of("PORT", String.valueOf(port), "BROKER_PORT", String.valueOf(RunningPipeline.freePort()),
        "SIMULATOR_PORT", String.valueOf(RunningPipeline.freePort()), "SIMULATOR_SEED_USERS", "0");
    String key;
    try (MikroBillTestAccess.Started app = MikroBillTestAccess.start(home, env)) {
      key = app.key("restart-test", "admin");
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/hotspot/users"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"kept-user\",\"password\":\"secret123\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
    try (MikroBillTestAccess.Started app = MikroBillTestAccess.start(home, env)) {
      HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/hotspot/users/kept-user")).header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      assertThat(read.body()).contains("\"username\":\"kept-user\"");
    }
  }
}
