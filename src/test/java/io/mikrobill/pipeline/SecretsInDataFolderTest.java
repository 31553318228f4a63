package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mikrobill.persistence.H2CommitThenWait;
import io.mikrobill.security.DataFolder;
import io.mikrobill.security.DataScan;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone who copies the data folder gets: no voucher code and no password MikroBill was
 * given, in any file, whatever its format (the database, the CSV files kept and written, the
 * keys); the broker's journal is exempt, as it holds what senders wrote until it is consumed.
 * Also: the folder and its files are private, the database serves no port and is refused to a
 * second process.
 */
@Timeout(180)
class SecretsInDataFolderTest {

  private static final String HTTP_PASSWORD = "Http-Pass-7311";
  private static final String CSV_PASSWORD = "Csv-Pass-5678";
  private static final String TOKEN = "Token-Secret-4242";

  @TempDir
  Path home;

  @Test
  void shouldLeaveNoCodeOrPasswordReadableInTheDataFolder() throws Exception {
    Path data = home.resolve("data");
    List<String> secrets = new ArrayList<>(List.of(HTTP_PASSWORD, CSV_PASSWORD, TOKEN));
    try (RunningPipeline app = new RunningPipeline(home, Map.of())) {
      HttpResponse<String> batch = post(app, "/api/vouchers", "{\"count\":3,\"profile\":\"default\",\"price\":\"1.00\"}", "batch-1");
      assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
      List<String> codes = codes(batch.body());
      assertThat(codes).hasSize(3);
      secrets.addAll(codes);
      HttpResponse<String> user = post(app, "/api/hotspot/users",
          "{\"username\":\"at-rest-1\",\"password\":\"" + HTTP_PASSWORD + "\"}", "user-1");
      assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
      HttpResponse<String> attack = post(app, "/api/hotspot/users",
          "{\"username\":\"at-rest-2\",\"password\":\"" + HTTP_PASSWORD + "\",\"apiToken\":\"<script>" + TOKEN + "</script>\"}", null);
      assertThat(attack.statusCode()).as(attack.body()).isEqualTo(400);
      assertThat(post(app, "/api/vouchers", "{\"count\":3,\"profile\":\"default\",\"price\":\"1.00\"}", "batch-1").body())
          .as("the stored answer replays with its codes").isEqualTo(batch.body());
      assertThat(get(app, "/api/vouchers?limit=10").body()).as("codes are read in clear through the API").contains(codes);

      Path result = dropCsv(data, "at-rest", "username,password,profile,limit_uptime,limit_bytes_total,price,comment\n"
          + "at-rest-csv1," + CSV_PASSWORD + ",default,1h,,1.00,first\nat-rest-csv2,short,default,,,,refused\n");
      List<String> lines = Files.readAllLines(result);
      assertThat(lines.get(1)).startsWith("1,at-rest-csv1,ok,*");
      assertThat(lines.get(2)).startsWith("2,at-rest-csv2,error,,");
      Path kept = await().atMost(Duration.ofSeconds(30)).until(() -> keptOriginal(data, "at-rest"), p -> p != null);
      assertThat(Files.readString(kept)).contains("at-rest-csv1,***,default", "at-rest-csv2,***,default");
      secrets.add("short");
      // A crash between masking and the move to done/ leaves the masked copy in the inbox under the
      // file's name: taken up again, it is recognised and its result stays as it was.
      Path inbox = data.resolve("inbox/vouchers");
      Files.copy(kept, inbox.resolve("at-rest.tmp"));
      Files.move(inbox.resolve("at-rest.tmp"), inbox.resolve("at-rest.csv"));
      await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve("at-rest.csv")));
      assertThat(Files.readAllLines(result)).isEqualTo(lines);

      assertThat(secondProcessOpening(data)).contains("is in use by another MikroBill process (pid=" + ProcessHandle.current().pid())
          .contains("stop it or set DATA_DIR");
    }

    assertThat(DataScan.find(data, Set.of(data.resolve("artemis")), secrets))
        .as("secrets readable in %s", DataScan.list(data)).isEmpty();
    try (Stream<Path> all = Files.walk(data)) {
      assertThat(all.map(p -> p.getFileName().toString())).as("no H2 server lock file").noneMatch(n -> n.endsWith(".lock.db"));
    }
    if (DataFolder.posix(data)) {
      assertThat(mode(data)).isEqualTo("rwx------");
      List<Path> made = new ArrayList<>();
      try (Stream<Path> top = Files.list(data); Stream<Path> outbox = Files.list(data.resolve("outbox/vouchers"));
          Stream<Path> done = Files.list(data.resolve("done/vouchers"))) {
        Stream.of(top, outbox, done).flatMap(s -> s).filter(Files::isRegularFile).forEach(made::add);
      }
      assertThat(made).extracting(p -> data.relativize(p) + " " + mode(p))
          .contains("secret.key rw-------", "database.password rw-------", "mikrobill.mv.db rw-------",
              "outbox/vouchers/at-rest.result.csv rw-------")
          .allSatisfy(line -> assertThat(line).endsWith(" rw-------"));
    }
  }

  // The HTTP calls of this test go through these two helpers only.

  private static HttpResponse<String> post(RunningPipeline app, String path, String json, String idempotencyKey) throws Exception {
    return app.send("POST", path, json, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
  }

  private static HttpResponse<String> get(RunningPipeline app, String path) throws Exception {
    return app.send("GET", path, null);
  }

  private static List<String> codes(String body) {
    Matcher m = Pattern.compile("\"code\":\"([^\"]+)\"").matcher(body);
    List<String> codes = new ArrayList<>();
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }

  private static Path dropCsv(Path data, String name, String csv) throws IOException {
    Path inbox = Files.createDirectories(data.resolve("inbox/vouchers"));
    Files.writeString(inbox.resolve(name + ".tmp"), csv);
    Files.move(inbox.resolve(name + ".tmp"), inbox.resolve(name + ".csv"));
    Path result = data.resolve("outbox/vouchers/" + name + ".result.csv");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
    return result;
  }

  private static Path keptOriginal(Path data, String name) throws IOException {
    Path done = data.resolve("done/vouchers");
    if (!Files.isDirectory(done)) {
      return null;
    }
    try (Stream<Path> files = Files.list(done)) {
      return files.filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst().orElse(null);
    }
  }

  /** What another process that opens the database in {@code data} is told. */
  private static String secondProcessOpening(Path data) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2CommitThenWait.class.getName(),
        data.toString()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(out).doesNotContain("COMMITTED");
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
