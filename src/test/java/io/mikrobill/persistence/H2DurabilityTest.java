package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The default database keeps a commit through a kill -9 of the process right after it. */
@Timeout(120)
class H2DurabilityTest {

  @TempDir
  Path data;

  @Test
  void shouldKeepACommitThroughAKillMinusNineRightAfterIt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2CommitThenWait.class.getName(),
        data.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean committed = false;
      while ((line = out.readLine()) != null) {
        if (line.equals("COMMITTED")) {
          committed = true;
          break;
        }
      }
      assertThat(committed).as("the child process committed").isTrue();
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    try (Database db = Database.open(DatabaseSettings.from(Map.<String, String>of()::get, data))) {
      assertThat(new RequestOutcomes(db.dataSource(), db.secrets()).find("csv", "durable-1"))
          .hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.APPLIED));
    }
  }
}
