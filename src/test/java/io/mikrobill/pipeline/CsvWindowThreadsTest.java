package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 CSV rows in flight at once against a router with a 1 s round trip: they finish in a few
 * seconds, and no thread waits per row (the application's thread count hardly moves).
 */
@Timeout(120)
class CsvWindowThreadsTest {

  @Test
  void shouldKeepThreeHundredRowsInFlightWithoutAThreadEach(@TempDir Path home) throws Exception {
    try (RouterOsSimulator sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").rtt(Duration.ofSeconds(1)).build())) {
      sim.start();
      try (RunningPipeline app = new RunningPipeline(home, Map.of("CSV_WINDOW", "300", "MAX_CONCURRENCY", "300",
          "ENABLE_RATE_LIMITING", "false", "MIKROTIK_TIMEOUT", "20000"), sim)) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        await().atMost(Duration.ofSeconds(30)).until(() -> app.send("GET", "/monitoring/ready", null).statusCode() == 200);
        Thread.sleep(1000);
        int before = threads.getThreadCount();
        StringBuilder csv = new StringBuilder("username,password,profile,limit_uptime,limit_bytes_total,price,comment\n");
        for (int i = 1; i <= 300; i++) {
          csv.append("win-").append(i).append(",secret123,,,,1.00,w\n");
        }
        Path inbox = home.resolve("data/inbox/vouchers");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("window.tmp"), csv);
        AtomicInteger peak = new AtomicInteger(before);
        long started = System.nanoTime();
        Files.move(inbox.resolve("window.tmp"), inbox.resolve("window.csv"));
        Path result = home.resolve("data/outbox/vouchers/window.result.csv");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
          peak.accumulateAndGet(threads.getThreadCount(), Math::max);
          return Files.exists(result);
        });
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        List<String> lines = Files.readAllLines(result);
        assertThat(lines).hasSize(301);
        assertThat(lines.subList(1, 301)).allSatisfy(l -> assertThat(l).contains(",ok,"));
        assertThat(seconds).as("300 rows with a 1 s round trip, 300 in flight").isLessThan(15);
        assertThat(peak.get() - before).as("threads added while 300 rows were in flight (before: %d)", before).isLessThan(50);
      }
    }
  }

  @Test
  void shouldServeHttpOnAsManyWorkerThreadsAsConfigured(@TempDir Path home) throws Exception {
    try (RouterOsSimulator sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").rtt(Duration.ofSeconds(1)).build())) {
      sim.start();
      try (RunningPipeline app = new RunningPipeline(home, Map.of("HTTP_WORKER_THREADS", "4", "MAX_CONCURRENCY", "300",
          "ENABLE_RATE_LIMITING", "false", "MIKROTIK_TIMEOUT", "20000"), sim)) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> answers = new java.util.ArrayList<>();
        for (int i = 1; i <= 24; i++) {
          answers.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.httpPort
              + "/api/hotspot/users")).header("Content-Type", "application/json").header("Authorization", "Bearer " + app.adminKey).POST(java.net.http.HttpRequest.BodyPublishers
              .ofString("{\"username\":\"w4-" + i + "\",\"password\":\"secret123\"}")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        for (var a : answers) {
          assertThat(a.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        long workers = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("vert.x-worker-thread")).count();
        assertThat(workers).isLessThanOrEqualTo(4);
      }
    }
  }
}
