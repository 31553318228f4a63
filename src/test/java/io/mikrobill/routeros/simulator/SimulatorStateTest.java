package io.mikrobill.routeros.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.client.RouterOsConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A simulator with a state file keeps its configuration, with its ids, across a restart of its process. */
@Timeout(60)
class SimulatorStateTest {

  @TempDir
  Path dir;

  @Test
  void shouldRestartWithItsUsersSecretsAndProfilesAndGoOnNumbering() {
    Path file = dir.resolve("state.json");
    String aliceId;
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().seedUsers(3).stateFile(file))) {
      RouterOsConnection c = f.connect();
      aliceId = SimulatorFixture.run(c, "/ip/hotspot/user/add", "=name=alice", "=password=secret123", "=comment=kept").ret();
      SimulatorFixture.run(c, "/ppp/secret/add", "=name=bob", "=password=secret123");
      SimulatorFixture.run(c, "/ip/hotspot/user/profile/add", "=name=gold", "=rate-limit=10M/10M");
    }
    assertThat(file).exists();
    try {
      assertThat(java.nio.file.Files.getPosixFilePermissions(file)).as("readable by its owner only")
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().seedUsers(3).stateFile(file))) {
      assertThat(f.sim.hotspotUsers()).filteredOn(u -> "alice".equals(u.get("name"))).singleElement()
          .satisfies(u -> {
            assertThat(u).containsEntry(".id", aliceId).containsEntry("comment", "kept").containsEntry("password", "secret123");
          });
      assertThat(f.sim.hotspotUsers()).as("no users seeded again").hasSize(4);
      assertThat(f.sim.pppSecrets()).anyMatch(s -> "bob".equals(s.get("name")));
      assertThat(f.sim.hotspotProfiles()).anyMatch(p -> "gold".equals(p.get("name")) && "10M/10M".equals(p.get("rate-limit")));
      String next = SimulatorFixture.run(f.connect(), "/ip/hotspot/user/add", "=name=carol", "=password=secret123").ret();
      assertThat(next).isNotEqualTo(aliceId);
      assertThat(f.sim.hotspotUsers()).extracting(u -> u.get(".id")).doesNotHaveDuplicates();
    }
  }

  @Test
  void shouldSeedAndKeepNothingWithoutAStateFile() throws Exception {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().seedUsers(2))) {
      assertThat(f.sim.hotspotUsers()).hasSize(2);
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
