package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances reading one drop folder and sharing one database never take the same file: every
 * file is imported once, by one of them, and every row is on the router once.
 */
@Timeout(180)
class SharedFolderTest {

  private static final int FILES = 12;
  private static final int ROWS = 40;

  @Test
  void shouldImportEveryFileOnceWhenTwoInstancesShareTheFolder(@TempDir Path root) throws Exception {
    Path shared = root.resolve("shared-data");
    Files.createDirectories(shared);
    try (RunningPipeline first = new RunningPipeline(root.resolve("one"), Map.of(
            "DATA_DIR", shared.toString(), "BROKER_DATA_DIR", root.resolve("broker-one").toString()));
        RunningPipeline second = new RunningPipeline(root.resolve("two"), Map.of(
            "DATA_DIR", shared.toString(), "BROKER_DATA_DIR", root.resolve("broker-two").toString(),
            "MIKROTIK_PORT", String.valueOf(first.sim.port())), first.sim)) {
      Path inbox = shared.resolve("inbox/vouchers");
      Files.createDirectories(inbox);
      for (int f = 0; f < FILES; f++) {
        StringBuilder csv = new StringBuilder("username,password,profile,limit_uptime,limit_bytes_total,price,comment\n");
        for (int r = 0; r < ROWS; r++) {
          csv.append("sh-").append(f).append('-').append(r).append(",secret123,default,,,1.00,file ").append(f).append('\n');
        }
        Files.writeString(inbox.resolve("f" + f + ".tmp"), csv);
        Files.move(inbox.resolve("f" + f + ".tmp"), inbox.resolve("f" + f + ".csv"));
      }
      Path outbox = shared.resolve("outbox/vouchers");
      await().atMost(Duration.ofSeconds(120)).until(() -> {
        for (int f = 0; f < FILES; f++) {
          if (!Files.exists(outbox.resolve("f" + f + ".result.csv"))) {
            return false;
          }
        }
        try (var s = Files.list(inbox)) {
          return s.noneMatch(p -> p.toString().endsWith(".csv"));
        }
      });
      for (int f = 0; f < FILES; f++) {
        List<String> lines = Files.readAllLines(outbox.resolve("f" + f + ".result.csv"));
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).contains(",ok,"));
      }
      assertThat(first.sim.hotspotUsers().stream().filter(u -> u.get("name").startsWith("sh-"))).hasSize(FILES * ROWS);
      long one = filesImported(first);
      long two = filesImported(second);
      assertThat(one + two).as("files imported: first=%d second=%d", one, two).isEqualTo(FILES);
    }
  }

  private static long filesImported(RunningPipeline app) throws Exception {
    String metrics = app.send("GET", "/monitoring/metrics", null).body();
    Matcher m = Pattern.compile("(?m)^mikrotik_csv_files_imported_total (\\d+)").matcher(metrics);
    assertThat(m.find()).as(metrics).isTrue();
    return Long.parseLong(m.group(1));
  }
}
