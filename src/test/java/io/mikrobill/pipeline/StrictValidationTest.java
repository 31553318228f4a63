package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With STRICT_VALIDATION=true a field the action does not know is refused, but a request's
 * metadata (a JMS priority and request id, a CSV row's price, an HTTP priority) is no router field
 * and passes.
 */
@Timeout(120)
class StrictValidationTest {

  @Test
  void shouldAcceptMetadataFromEverySourceAndRefuseUnknownFields(@TempDir Path home) throws Exception {
    try (RunningPipeline app = new RunningPipeline(home, Map.of("STRICT_VALIDATION", "true"))) {
      app.stompSend("billing.requests", "{\"action\":\"createHotspotUser\",\"username\":\"strict-jms\",\"password\":\"secret123\","
          + "\"requestId\":\"legacy-9\",\"priority\":\"high\",\"price\":\"1.50\"}", Map.of("priority", "9"));

      Path inbox = home.resolve("data/inbox/vouchers");
      Files.createDirectories(inbox);
      Files.writeString(inbox.resolve("strict.tmp"), "username,password,profile,limit_uptime,limit_bytes_total,price,comment\n"
          + "strict-csv,secret123,default,1h,,2.50,priced\n");
      Files.move(inbox.resolve("strict.tmp"), inbox.resolve("strict.csv"));

      HttpResponse<String> http = app.send("POST", "/api/hotspot/users",
          "{\"username\":\"strict-http\",\"password\":\"secret123\",\"priority\":\"critical\"}");
      assertThat(http.statusCode()).as(http.body()).isEqualTo(201);
      HttpResponse<String> unknown = app.send("POST", "/api/hotspot/users",
          "{\"username\":\"strict-bad\",\"password\":\"secret123\",\"colour\":\"red\"}");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body()).contains("colour");

      await().atMost(Duration.ofSeconds(30)).until(() -> names(app).containsAll(List.of("strict-jms", "strict-csv")));
      Path result = home.resolve("data/outbox/vouchers/strict.result.csv");
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
      assertThat(Files.readAllLines(result).get(1)).startsWith("1,strict-csv,ok,*");
      assertThat(names(app)).contains("strict-http").doesNotContain("strict-bad");
    }
  }

  private static List<String> names(RunningPipeline app) {
    return app.sim.hotspotUsers().stream().map(u -> u.get("name")).toList();
  }
}
