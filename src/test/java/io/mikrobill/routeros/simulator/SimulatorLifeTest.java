package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.SimulatorFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.client.RouterOsConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatorLifeTest {

  @Test
  void shouldSeedUsersAndLogSomeInWithGrowingCounters() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().seedUsers(60))) {
      RouterOsConnection c = f.connect();
      assertThat(run(c, "/ip/hotspot/user/print", "=count-only=").ret()).isEqualTo("60");
      assertThat(run(c, "/ppp/secret/print", "=count-only=").ret()).isEqualTo("60");
      Map<String, String> before = run(c, "/ip/hotspot/active/print").records().get(0);
      assertThat(run(c, "/ppp/active/print").records()).isNotEmpty();
      f.sim.tick(Duration.ofSeconds(10));
      Map<String, String> after = run(c, "/ip/hotspot/active/print", "?.id=" + before.get(".id")).records().get(0);
      assertThat(after.get("uptime")).isEqualTo("10s");
      assertThat(Long.parseLong(after.get("bytes-in"))).isGreaterThan(Long.parseLong(before.get("bytes-in")));
    }
  }

  @Test
  void shouldLogInAndOutOverTime() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().seedUsers(60))) {
      var firstIds = f.sim.hotspotActive().stream().map(m -> m.get(".id")).toList();
      for (int i = 0; i < 10; i++) {
        f.sim.tick(Duration.ofSeconds(30));
      }
      var laterIds = f.sim.hotspotActive().stream().map(m -> m.get(".id")).toList();
      assertThat(laterIds).isNotEmpty().isNotEqualTo(firstIds);
      assertThat(f.sim.pppSecrets()).anySatisfy(s -> assertThat(s.get("last-logged-out")).isNotEmpty());
    }
  }

  @Test
  void shouldLogOutAUserPastLimitUptime() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      run(c, "/ip/hotspot/user/add", "=name=t", "=password=pw", "=limit-uptime=1m");
      run(c, "/ip/hotspot/active/login", "=user=t", "=password=pw");
      f.sim.tick(Duration.ofSeconds(30));
      assertThat(run(c, "/ip/hotspot/active/print", "?user=t").records()).hasSize(1);
      f.sim.tick(Duration.ofSeconds(31));
      assertThat(run(c, "/ip/hotspot/active/print", "?user=t").records()).isEmpty();
      assertThat(run(c, "/ip/hotspot/user/print", "?name=t").records().get(0)).containsEntry("uptime", "1m1s");
    }
  }

  @Test
  void shouldLogOutAUserPastLimitBytesTotal() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      run(c, "/ip/hotspot/user/add", "=name=b", "=password=pw", "=limit-bytes-total=10k");
      run(c, "/ip/hotspot/active/login", "=user=b", "=password=pw");
      f.sim.tick(Duration.ofSeconds(10));
      assertThat(f.sim.hotspotActive()).isEmpty();
      Map<String, String> u = run(c, "/ip/hotspot/user/print", "?name=b").records().get(0);
      assertThat(Long.parseLong(u.get("bytes-in")) + Long.parseLong(u.get("bytes-out"))).isGreaterThanOrEqualTo(10_240);
      assertThat(trapMessage(c)).isEqualTo("user b has reached its limit");
    }
  }

  private static String trapMessage(RouterOsConnection c) {
    return SimulatorProtocolTest.trapOf(() -> run(c, "/ip/hotspot/active/login", "=user=b", "=password=pw")).routerMessage();
  }

  @Test
  void shouldShowSessionTimeLeftFromTheProfile() {
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connect();
      run(c, "/ip/hotspot/user/profile/add", "=name=hour", "=session-timeout=1h");
      run(c, "/ip/hotspot/user/add", "=name=s", "=password=pw", "=profile=hour");
      f.sim.loginHotspot("s");
      f.sim.tick(Duration.ofMinutes(10));
      assertThat(f.sim.hotspotActive().get(0)).containsEntry("session-time-left", "50m").containsEntry("uptime", "10m");
      f.sim.tick(Duration.ofMinutes(50));
      assertThat(f.sim.hotspotActive()).isEmpty();
    }
  }
}
