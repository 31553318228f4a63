package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mikrobill.MikroBillTestAccess;
import io.mikrobill.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/**
 * The application serves HTTPS with a keystore or PEM files, only on the address it is bound to,
 * and refuses to start with a key it cannot use. The probes are the endpoints every caller may
 * reach, so they are what these tests ask.
 */
@Timeout(180)
class HttpsTest {

  @Test
  void shouldServeHttpsFromAKeystoreOnlyOnTheBoundAddress(@TempDir Path home) throws Exception {
    TestCertificates certs = TestCertificates.generate(Files.createDirectories(home.resolve("tls")), "server", "EC");
    try (RunningPipeline app = new RunningPipeline(home, Map.of("HTTPS_KEYSTORE", "tls/server.p12",
        "HTTPS_KEYSTORE_PASSWORD", certs.password, "HTTP_BIND", "127.0.0.1"))) {
      HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();

      HttpResponse<String> live = https.send(get("https://127.0.0.1:" + app.httpPort + "/monitoring/live"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
      // Ready once the router's connection is up; until then it says DOWN and nothing more.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HttpResponse<String> ready = https.send(get("https://localhost:" + app.httpPort + "/monitoring/ready"),
            HttpResponse.BodyHandlers.ofString());
        assertThat(ready.body()).isIn("{\"status\":\"UP\"}", "{\"status\":\"DOWN\"}");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
      });

      assertThatThrownBy(() -> app.send("GET", "/monitoring/live", null)).as("plain HTTP to the HTTPS port")
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> HttpClient.newHttpClient().send(get("https://127.0.0.1:" + app.httpPort + "/monitoring/live"),
          HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the certificate").isInstanceOf(IOException.class);

      InetAddress other = InetAddress.getByName("127.0.0.2");
      assumeTrue(reachable(other), "this machine routes all of 127.0.0.0/8 to loopback");
      assertThatThrownBy(() -> https.send(get("https://127.0.0.2:" + app.httpPort + "/monitoring/live"),
          HttpResponse.BodyHandlers.ofString())).as("another address of this machine").isInstanceOf(IOException.class);
    }
  }

  @Test
  void shouldServeHttpsFromPemFiles(@TempDir Path home) throws Exception {
    TestCertificates certs = TestCertificates.generate(home, "pem", "RSA");
    certs.writeCertificatePem(home.resolve("server.crt"));
    certs.writeKeyPem(home.resolve("server.key"));
    try (RunningPipeline app = new RunningPipeline(home, Map.of("HTTPS_CERT", "server.crt", "HTTPS_KEY", "server.key"))) {
      HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();

      HttpResponse<String> live = https.send(get("https://127.0.0.1:" + app.httpPort + "/monitoring/live"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
      HttpResponse<String> anonymous = https.send(get("https://127.0.0.1:" + app.httpPort + "/monitoring/nothing"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as("the gate answers over TLS too").isEqualTo(401);
      HttpResponse<String> missing = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.httpPort
          + "/monitoring/nothing")).header("Authorization", "Bearer " + app.adminKey).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).as("the fallback answers over TLS too").isEqualTo(404);
    }
  }

  @Test
  void shouldRefuseToStartWithAWrongKeystorePasswordNamingTheVariable(@TempDir Path home) throws Exception {
    TestCertificates certs = TestCertificates.generate(home, "server", "EC");
    Map<String, String> env = Map.of("HTTPS_KEYSTORE", certs.keystore.toString(), "HTTPS_KEYSTORE_PASSWORD", "not-the-password",
        "MIKROTIK_HOST", "127.0.0.1", "PORT", String.valueOf(RunningPipeline.freePort()));

    assertThatThrownBy(() -> MikroBillTestAccess.start(home, env)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HTTPS_KEYSTORE_PASSWORD refused: it does not open HTTPS_KEYSTORE=" + certs.keystore);
    assertThat(home.resolve("data")).as("refused before anything started").doesNotExist();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
  }

  /** Whether a socket can listen on {@code address} (Linux answers all of 127.0.0.0/8). */
  private static boolean reachable(InetAddress address) {
    try (ServerSocket s = new ServerSocket(0, 1, address)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
