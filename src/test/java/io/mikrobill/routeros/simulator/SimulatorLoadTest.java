package io.mikrobill.routeros.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load model, checked by bounds that hold on any machine: a lower bound proves a delay or a
 * queue exists; upper bounds are only used with a wide margin.
 */
@Timeout(60)
class SimulatorLoadTest {

  private static long millisFor(List<RouterOsConnection> conns, int perConnection) {
    long start = System.nanoTime();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (RouterOsConnection c : conns) {
      for (int i = 0; i < perConnection; i++) {
        all.add(c.execute(Command.of("/system/identity/print")));
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void shouldServeCommandsOfOneConnectionConcurrentlyByDefault() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().latency(Duration.ofMillis(500)).cpuCores(4))) {
      long ms = millisFor(List.of(f.connect()), 4);
      assertThat(ms).isBetween(500L, 1900L);
    }
  }

  @Test
  void shouldServeOneCommandAtATimeWithSerialPerConnection() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().latency(Duration.ofMillis(300))
        .cpuCores(4).serialPerConnection(true))) {
      long ms = millisFor(List.of(f.connect()), 4);
      assertThat(ms).isGreaterThanOrEqualTo(1200L);
    }
  }

  @Test
  void shouldCapCommandsInServiceAtCpuCoresAcrossConnections() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().latency(Duration.ofMillis(200)).cpuCores(1))) {
      long ms = millisFor(List.of(f.connect(), f.connect(), f.connect()), 1);
      assertThat(ms).isGreaterThanOrEqualTo(600L);
    }
  }

  @Test
  void shouldDelayRepliesByTheRoundTripWithoutHoldingUpTheRouter() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().rtt(Duration.ofMillis(400)))) {
      RouterOsConnection c = f.connect();
      assertThat(millisFor(List.of(c), 1)).isGreaterThanOrEqualTo(400L);
      // Five pipelined commands overlap in transit: far less than five round trips.
      assertThat(millisFor(List.of(c), 5)).isBetween(400L, 1900L);
    }
  }
}
