package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.SimulatorFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.RouterOsAuthenticationException;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsFatalException;
import io.mikrobill.routeros.RouterOsProtocolException;
import io.mikrobill.routeros.RouterOsTimeoutException;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SimulatorFaultTest {

  private static Throwable failureOf(RouterOsConnection c) {
    try {
      c.execute(Command.of("/system/identity/print")).orTimeout(10, TimeUnit.SECONDS).join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void shouldDropTheConnectionOnItsNthCommand() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().faults(FaultSpec.parse("drop-after=3")))) {
      RouterOsConnection c = f.connect();
      assertThat(failureOf(c)).isNull();
      assertThat(failureOf(c)).isNull();
      assertThat(failureOf(c)).isInstanceOf(RouterOsConnectionException.class);
    }
  }

  @Test
  void shouldSendFatalGarbageAndStallsWhenAsked() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      f.sim.faults().set("fatal-rate=1");
      assertThat(failureOf(f.connect())).isInstanceOf(RouterOsFatalException.class);
      f.sim.faults().set("garbage-rate=1");
      assertThat(failureOf(f.connect())).isInstanceOf(RouterOsProtocolException.class);
      f.sim.faults().set("stall-rate=1,stall-ms=2000");
      RouterOsConnection c = f.connect();
      assertThatThrownBy(() -> c.execute(Command.of("/system/identity/print"), Duration.ofMillis(300)).join())
          .hasCauseInstanceOf(RouterOsTimeoutException.class);
      f.sim.faults().clear();
      assertThat(failureOf(c)).isNull();
    }
  }

  @Test
  void shouldRefuseLoginsWhenAsked() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      f.sim.faults().set("refuse-login=true");
      assertThatThrownBy(() -> f.connect()).hasCauseInstanceOf(RouterOsAuthenticationException.class);
      f.sim.faults().set("refuse-login=false");
      assertThat(failureOf(f.connect())).isNull();
    }
  }

  @Test
  void shouldReplayTheSameDrillFromTheSameSeed() {
    assertThat(drill(7)).isEqualTo(drill(7)).isNotEmpty();
    assertThat(drill(7)).isNotEqualTo(drill(8));
  }

  /** Which of 200 sequential commands met a fault, reconnecting after each. */
  private static List<String> drill(long seed) {
    List<String> faults = new ArrayList<>();
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests()
        .faults(FaultSpec.parse("seed=" + seed + ",drop-rate=0.03,fatal-rate=0.03,garbage-rate=0.03")))) {
      RouterOsConnection c = f.connect();
      for (int i = 0; i < 200; i++) {
        Throwable t = failureOf(c);
        if (t != null) {
          faults.add(i + ":" + ((RouterOsException) t).type());
          c = f.connect();
        }
      }
    }
    return faults;
  }

  @Test
  void shouldLoseSessionsButKeepConfigurationOnRestart() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      run(c, "/ip/hotspot/user/add", "=name=kept", "=password=pw");
      f.sim.loginHotspot("kept");
      f.sim.restart();
      RouterOsException cause = c.closeFuture().orTimeout(5, TimeUnit.SECONDS).join();
      assertThat(cause).isInstanceOf(RouterOsConnectionException.class);
      assertThat(f.sim.hotspotActive()).isEmpty();
      RouterOsConnection again = f.connect();
      assertThat(run(again, "/ip/hotspot/user/print").records()).extracting(r -> r.get("name")).containsExactly("kept");
      assertThat(run(again, "/system/resource/print").records().get(0).get("uptime")).isEqualTo("0s");
    }
  }

  @Test
  void shouldRestartPeriodicallyWhenAsked() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      f.sim.faults().set("restart-every-ms=200");
      await().atMost(Duration.ofSeconds(10)).until(() -> f.sim.restarts() >= 2);
      f.sim.faults().clear();
    }
  }
}
