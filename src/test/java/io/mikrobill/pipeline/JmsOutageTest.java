package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid JMS messages sent while the router drops every command for 60 s wait in the broker (the
 * consumer pauses on an open or half-open breaker, and a message out of redeliveries is queued
 * again) and are applied once when it is back; none is dead-lettered.
 */
@Timeout(240)
class JmsOutageTest {

  @Test
  void shouldKeepValidMessagesThroughASixtySecondOutageAndApplyEachOnce(@TempDir Path home) throws Exception {
    try (RunningPipeline app = new RunningPipeline(home, Map.of("CIRCUIT_BREAKER_TIMEOUT", "5000"));
        RunningPipeline.StompCollector dead = app.stompCollect("billing.requests.DLQ")) {
      app.sim.faults().set("drop-after=1");
      for (int i = 1; i <= 8; i++) {
        app.stompSend("billing.requests", "{\"action\":\"createHotspotUser\",\"username\":\"outage-" + i
            + "\",\"password\":\"secret123\",\"requestId\":\"outage-" + i + "\"}", Map.of("persistent", "true"));
      }
      Thread.sleep(60_000);
      assertThat(dead.messages()).as("dead letters during the outage").isEmpty();
      assertThat(app.sim.hotspotUsers()).noneMatch(u -> u.get("name").startsWith("outage-"));
      app.sim.faults().clear();

      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
          app.sim.hotspotUsers().stream().filter(u -> u.get("name").startsWith("outage-")).count() == 8);
      Thread.sleep(2000);
      assertThat(app.sim.hotspotUsers().stream().filter(u -> u.get("name").startsWith("outage-")).map(u -> u.get("name")))
          .doesNotHaveDuplicates().hasSize(8);
      assertThat(dead.messages()).as("dead letters").isEmpty();
    }
  }

  @Test
  void shouldQueueAMessageAgainWhenItsRedeliveriesRunOutDuringAnOutage(@TempDir Path home) throws Exception {
    try (RunningPipeline app = new RunningPipeline(home, Map.of("ENABLE_CIRCUIT_BREAKER", "false", "CIRCUIT_BREAKER_TIMEOUT", "1000"));
        RunningPipeline.StompCollector dead = app.stompCollect("billing.requests.DLQ")) {
      app.sim.faults().set("drop-after=1");
      app.stompSend("billing.requests", "{\"action\":\"createHotspotUser\",\"username\":\"requeued-1\",\"password\":\"secret123\"}",
          Map.of("persistent", "true"));
      Thread.sleep(8_000);
      assertThat(dead.messages()).as("dead letters during the outage").isEmpty();
      app.sim.faults().clear();
      await().atMost(Duration.ofSeconds(30)).until(() -> app.sim.hotspotUsers().stream().anyMatch(u -> "requeued-1".equals(u.get("name"))));
      Thread.sleep(2000);
      assertThat(app.sim.hotspotUsers().stream().filter(u -> "requeued-1".equals(u.get("name")))).hasSize(1);
      assertThat(dead.messages()).isEmpty();
    }
  }
}
