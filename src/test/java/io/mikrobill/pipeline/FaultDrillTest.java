package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mikrobill.routeros.simulator.FaultSpec;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault drill of the issue: requests mixed over HTTP, CSV files and the JMS queue while the
 * simulated router drops connections, stalls replies and restarts (all from one seed). Afterwards
 * every request is either on the router exactly once, with its fields, or refused with its reason
 * (an HTTP error body, an {@code error} row of a result file, a dead letter with
 * {@code MikroBillReason}), never both, and the outcomes add up to the number sent.
 *
 * <p>Faults stay on until the router holds most of the valid requests, then stop, so the drill
 * also shows that everything pending (HTTP retries, CSV rows in backoff, JMS redeliveries) settles
 * once the router is healthy. Which request meets which fault depends on thread timing; the
 * verdict does not. {@code -Ddrill.requests=N} and {@code -Ddrill.seed=S} change the drill.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FaultDrillTest {

  private static final int REQUESTS = Integer.getInteger("drill.requests", 10_000);
  private static final long SEED = Long.getLong("drill.seed", 1729L);
  /** One request in 50 (2 %) of each source carries a password that is too short. */
  private static final int INVALID_EVERY = 50;
  private static final int CSV_ROWS_PER_FILE = 1000;
  private static final int HTTP_CLIENTS = 8;
  private static final Duration FAULT_PHASE_MAX = Duration.ofSeconds(120);
  private static final Duration SETTLE_MAX = Duration.ofSeconds(90);
  private static final String DLQ = "billing.requests.DLQ";
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Source { HTTP, CSV, JMS }

  record Request(Source source, String username, boolean valid) {
    String password() {
      return valid ? "pw-" + username : "short";
    }

    String comment() {
      return "drill " + username;
    }
  }

  /** How the source reported a request: applied (with the router's id when known) or refused with a reason. */
  record Reported(boolean applied, String routerId, String reason) {}

  @Test
  void shouldApplyEveryRequestOnceOrRefuseItWithItsReasonWhileTheRouterFails(@TempDir Path home) throws Exception {
    long started = System.nanoTime();
    List<Request> http = requests(Source.HTTP, REQUESTS / 3);
    List<Request> csv = requests(Source.CSV, REQUESTS / 3);
    List<Request> jms = requests(Source.JMS, REQUESTS - http.size() - csv.size());
    long valid = java.util.stream.Stream.of(http, csv, jms).flatMap(List::stream).filter(Request::valid).count();

    try (RunningPipeline app = new RunningPipeline(home, drillEnvironment());
        RunningPipeline.StompCollector deadLetters = app.stompCollect(DLQ)) {
      int usersBefore = app.sim.hotspotUsers().size();
      FaultPlan plan = new FaultPlan(app.sim, SEED, valid, usersBefore);
      Thread faults = Thread.ofPlatform().daemon().name("drill-faults").start(plan);
      ExecutorService clients = Executors.newFixedThreadPool(HTTP_CLIENTS);
      long httpDeadline = System.nanoTime() + FAULT_PHASE_MAX.plus(SETTLE_MAX).toNanos() - Duration.ofSeconds(20).toNanos();
      Map<String, Reported> httpReported = new ConcurrentHashMap<>();
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> httpDone = new ArrayList<>();
      for (int c = 0; c < HTTP_CLIENTS; c++) {
        httpDone.add(clients.submit(() -> {
          for (int i = next.getAndIncrement(); i < http.size(); i = next.getAndIncrement()) {
            Request r = http.get(i);
            httpReported.put(r.username(), post(app, r, httpDeadline));
          }
          return null;
        }));
      }
      List<Path> results = dropCsvFiles(home, csv);
      app.stompSendAll("billing.requests", jms.stream().map(FaultDrillTest::jmsBody).toList(), 500);

      for (Future<?> f : httpDone) {
        f.get(FAULT_PHASE_MAX.plus(SETTLE_MAX).toSeconds(), TimeUnit.SECONDS);
      }
      clients.shutdown();
      long httpSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      await().atMost(FAULT_PHASE_MAX.plus(SETTLE_MAX)).pollInterval(Duration.ofMillis(500))
          .until(() -> results.stream().allMatch(Files::exists));
      long csvSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      // The queue is drained when every JMS request is on the router or dead-lettered, and stays so.
      boolean jmsSettled = settled(() -> jmsSettled(app, jms, deadLetters));
      if (!jmsSettled) {
        try (RunningPipeline.StompCollector again = app.stompCollect(DLQ); RunningPipeline.StompCollector queued = app.stompCollect("billing.requests")) {
          Thread.sleep(3000);
          System.out.println("drill: jms not settled; a second DLQ subscriber got " + again.messages().size()
              + ", the request queue still held " + queued.messages().size());
        }
      }
      long jmsSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      plan.stop();
      faults.join(5000);
      if (jmsSettled) {
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> jmsSettled(app, jms, deadLetters));
      }

      Map<String, Map<String, String>> onRouter = new HashMap<>();
      for (Map<String, String> u : app.sim.hotspotUsers()) {
        onRouter.put(u.get("name"), u);
      }
      Map<String, Reported> reported = new HashMap<>(httpReported);
      reported.putAll(csvReported(results));
      Map<String, List<String>> dead = deadLettered(deadLetters);

      Verdict v = new Verdict();
      List<String> problems = new ArrayList<>();
      for (List<Request> source : List.of(http, csv, jms)) {
        for (Request r : source) {
          v.judge(r, onRouter.get(r.username()), reported.get(r.username()), dead.get(r.username()), problems);
        }
      }
      List<String> strangers = onRouter.keySet().stream().filter(n -> n.startsWith("d-")).filter(n -> !v.seen.contains(n)).toList();
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      System.out.println("fault drill: requests=" + REQUESTS + " seed=" + SEED + " " + v.summary() + " restarts="
          + app.sim.restarts() + " commands=" + app.sim.commandsServed() + " dead-letters=" + deadLetters.messages().size()
          + " faults-off-at=" + plan.quietSeconds() + "s http-done=" + httpSeconds + "s csv-done=" + csvSeconds
          + "s jms-done=" + jmsSeconds + "s seconds=" + seconds);

      assertThat(deadLetters.otherFrames()).as("frames on the dead-letter subscription besides messages").isEmpty();
      assertThat(problems).as("requests whose outcome is wrong").isEmpty();
      assertThat(strangers).as("users on the router that no request asked for").isEmpty();
      assertThat(onRouter).as("users besides the drill's").hasSize(usersBefore + (int) v.applied());
      assertThat(v.applied() + v.refused()).as("applied + refused").isEqualTo(REQUESTS);
      assertThat(app.sim.restarts()).as("router restarts during the drill").isGreaterThanOrEqualTo(3);
      assertThat(v.applied()).as("valid requests applied (a drill that refuses everything proves nothing)")
          .isGreaterThanOrEqualTo(valid * 9 / 10);

      // The ledger matches the router: every CSV voucher on the router is recorded and counted once.
      long csvOnRouter = onRouter.keySet().stream().filter(n -> n.startsWith("d-c-")).count();
      String metrics = app.send("GET", "/monitoring/metrics", null).body();
      assertThat(metric(metrics, "mikrotik_vouchers_created_total")).as("vouchers in the ledger").isEqualTo(csvOnRouter);
      assertThat(metric(metrics, "mikrotik_revenue_total")).as("revenue of 1.00 each").isEqualTo(csvOnRouter);
    }
  }

  private static double metric(String text, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
    assertThat(m.find()).as(name).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** Waits for the JMS requests to settle; false after {@link #SETTLE_MAX}, so the verdict names what is missing. */
  private static boolean settled(java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(SETTLE_MAX).pollInterval(Duration.ofMillis(500)).until(condition);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  private static Map<String, String> drillEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MIKROTIK_TIMEOUT", "1500"); // a stalled reply (2.5 s) times out
    env.put("ACQUIRE_TIMEOUT", "2000");
    env.put("JMS_MAX_REDELIVERIES", "20");
    env.put("JMS_REDELIVERY_DELAY", "100");
    env.put("JMS_APPLY_TIMEOUT", "30000");
    env.put("CSV_MAX_RETRIES", "30");
    env.put("CSV_WINDOW", "32");
    env.put("RATE_LIMIT_BUCKET_SIZE", "10000");
    env.put("RATE_LIMIT_REFILL_RATE", "10000");
    env.put("CIRCUIT_BREAKER_THRESHOLD", "20");
    env.put("CIRCUIT_BREAKER_TIMEOUT", "1000");
    env.put("METRICS_POLL_INTERVAL", "5000");
    return env;
  }

  private static List<Request> requests(Source source, int n) {
    String prefix = "d-" + source.name().toLowerCase(java.util.Locale.ROOT).charAt(0) + "-";
    List<Request> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      out.add(new Request(source, prefix + String.format("%05d", i), i % INVALID_EVERY != 7));
    }
    return out;
  }

  /** One client's POST: retried with the same Idempotency-Key on 503, 429 and connection errors. */
  private static Reported post(RunningPipeline app, Request r, long deadline) throws Exception {
    String body = "{\"username\":\"" + r.username() + "\",\"password\":\"" + r.password() + "\",\"comment\":\"" + r.comment() + "\"}";
    Map<String, String> key = Map.of("Idempotency-Key", "drill-" + r.username());
    String last = null;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> res = app.send("POST", "/api/hotspot/users", body, key);
        int s = res.statusCode();
        if (s == 201) {
          return new Reported(true, JSON.readTree(res.body()).path("id").asText(null), null);
        }
        JsonNode error = JSON.readTree(res.body()).path("error");
        last = s + " " + error.path("type").asText() + ": " + error.path("message").asText();
        if (s != 503 && s != 429) {
          return new Reported(false, null, error.path("message").asText().isEmpty() ? null : last);
        }
      } catch (IOException e) {
        last = "connection error: " + e;
      }
      if (System.nanoTime() > deadline) {
        return new Reported(false, null, "gave up after " + attempt + " attempts: " + last);
      }
      Thread.sleep(Math.min(1000, 100L * attempt));
    }
  }

  private static List<Path> dropCsvFiles(Path home, List<Request> rows) throws IOException {
    Path inbox = home.resolve("data/inbox/vouchers");
    Files.createDirectories(inbox);
    List<Path> results = new ArrayList<>();
    for (int from = 0, file = 1; from < rows.size(); from += CSV_ROWS_PER_FILE, file++) {
      StringBuilder b = new StringBuilder("username,password,profile,limit_uptime,limit_bytes_total,price,comment\n");
      for (Request r : rows.subList(from, Math.min(rows.size(), from + CSV_ROWS_PER_FILE))) {
        b.append(r.username()).append(',').append(r.password()).append(",,,,1.00,").append(r.comment()).append('\n');
      }
      String name = "drill" + file;
      Files.writeString(inbox.resolve(name + ".csv.tmp"), b);
      Files.move(inbox.resolve(name + ".csv.tmp"), inbox.resolve(name + ".csv"));
      results.add(home.resolve("data/outbox/vouchers/" + name + ".result.csv"));
    }
    return results;
  }

  private static Map<String, Reported> csvReported(List<Path> results) throws IOException {
    Map<String, Reported> out = new HashMap<>();
    for (Path p : results) {
      try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(p))) {
        for (CSVRecord rec : parser) {
          boolean ok = rec.get("status").equals("ok");
          Reported previous = out.put(rec.get("username"), new Reported(ok, rec.get("id").isEmpty() ? null : rec.get("id"),
              ok || rec.get("reason").isBlank() ? null : rec.get("reason")));
          assertThat(previous).as("row of %s reported twice", rec.get("username")).isNull();
        }
      }
    }
    return out;
  }

  private static String jmsBody(Request r) {
    return "{\"action\":\"createHotspotUser\",\"requestId\":\"" + r.username() + "\",\"username\":\"" + r.username()
        + "\",\"password\":\"" + r.password() + "\",\"comment\":\"" + r.comment() + "\"}";
  }

  private static boolean jmsSettled(RunningPipeline app, List<Request> jms, RunningPipeline.StompCollector dlq) {
    long onRouter = app.sim.hotspotUsers().stream().filter(u -> u.get("name").startsWith("d-j-")).count();
    if (onRouter + dlq.messages().size() < jms.size()) {
      System.out.println("drill: jms on router=" + onRouter + " dead-lettered=" + dlq.messages().size() + " of " + jms.size());
      return false;
    }
    return true;
  }

  /** Dead letters by username: the MikroBillReason of each (a user twice is a duplicate). */
  private static Map<String, List<String>> deadLettered(RunningPipeline.StompCollector dlq) throws IOException {
    Map<String, List<String>> out = new HashMap<>();
    for (RunningPipeline.StompCollector.Message m : dlq.messages()) {
      String user = JSON.readTree(m.body()).path("username").asText();
      out.computeIfAbsent(user, u -> new ArrayList<>()).add(m.headers().getOrDefault("MikroBillReason", ""));
    }
    return out;
  }

  /** Judges each request by what the router holds and what its source reported. */
  static final class Verdict {
    final java.util.Set<String> seen = new java.util.HashSet<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    void judge(Request r, Map<String, String> user, Reported rep, List<String> dead, List<String> problems) {
      seen.add(r.username());
      boolean refusedWithReason;
      boolean reportedApplied;
      if (r.source() == Source.JMS) {
        reportedApplied = user != null;
        refusedWithReason = dead != null && dead.size() == 1 && !dead.get(0).isBlank();
        if (dead != null && (dead.size() > 1 || dead.get(0).isBlank())) {
          problems.add(r.username() + ": dead letters " + dead);
        }
      } else {
        reportedApplied = rep != null && rep.applied();
        refusedWithReason = rep != null && !rep.applied() && rep.reason() != null;
        if (rep == null) {
          problems.add(r.username() + ": no outcome reported");
        } else if (!rep.applied() && rep.reason() == null) {
          problems.add(r.username() + ": refused without a reason");
        }
      }
      if (user != null && refusedWithReason) {
        problems.add(r.username() + ": on the router and refused (" + (dead != null ? dead : rep.reason()) + ")");
      } else if (user == null && reportedApplied) {
        problems.add(r.username() + ": reported applied but not on the router");
      } else if (user == null && !refusedWithReason) {
        problems.add(r.username() + ": lost (neither on the router nor refused)");
      }
      if (user != null && !r.valid()) {
        problems.add(r.username() + ": invalid request applied");
      }
      if (user != null && !(r.comment().equals(io.mikrobill.billing.RequestMark.strip(user.get("comment"))) && r.password().equals(user.get("password")))) {
        problems.add(r.username() + ": fields differ on the router " + user);
      }
      if (user != null && rep != null && rep.routerId() != null && !rep.routerId().equals(user.get(".id"))) {
        problems.add(r.username() + ": reported id " + rep.routerId() + " but the router has " + user.get(".id"));
      }
      long[] c = counts.computeIfAbsent(r.source().name().toLowerCase(java.util.Locale.ROOT), s -> new long[3]);
      c[user != null ? 0 : 1]++;
      if (user == null && r.valid()) {
        c[2]++;
      }
    }

    long applied() {
      return counts.values().stream().mapToLong(c -> c[0]).sum();
    }

    long refused() {
      return counts.values().stream().mapToLong(c -> c[1]).sum();
    }

    String summary() {
      StringBuilder b = new StringBuilder();
      counts.forEach((s, c) -> b.append(s).append("=[applied=").append(c[0]).append(" refused=").append(c[1])
          .append(" (valid refused=").append(c[2]).append(")] "));
      return b.append("applied=").append(applied()).append(" refused=").append(refused()).toString();
    }
  }

  /**
   * The faults while requests flow: drops and stalls from the seed from the start, a restart when
   * the router holds 20 %, 45 % and 70 % of the valid requests (each moment jittered by the seed),
   * and no faults from 85 % on, or after {@link #FAULT_PHASE_MAX} whatever the progress.
   */
  static final class FaultPlan implements Runnable {
    private final RouterOsSimulator sim;
    private final long[] restartAt;
    private final long quietAt;
    private final int usersBefore;
    private volatile boolean stopped;
    private final long born = System.nanoTime();
    private volatile long quietNanos = -1;

    FaultPlan(RouterOsSimulator sim, long seed, long valid, int usersBefore) {
      this.sim = sim;
      this.usersBefore = usersBefore;
      Random random = new Random(seed);
      restartAt = new long[3];
      double[] at = {0.20, 0.45, 0.70};
      for (int i = 0; i < 3; i++) {
        restartAt[i] = (long) (valid * (at[i] + random.nextDouble() * 0.05));
      }
      quietAt = (long) (valid * 0.85);
      sim.faults().set(FaultSpec.parse("seed=" + seed + ",drop-rate=0.01,stall-rate=0.005,stall-ms=2500"));
    }

    @Override
    public void run() {
      long end = System.nanoTime() + FAULT_PHASE_MAX.toNanos();
      int restarts = 0;
      try {
        while (!stopped && System.nanoTime() < end) {
          long progress = sim.hotspotUsers().size() - usersBefore;
          if (restarts < restartAt.length && progress >= restartAt[restarts]) {
            sim.restart();
            restarts++;
          }
          if (progress >= quietAt && restarts == restartAt.length) {
            break;
          }
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        while (restarts++ < restartAt.length) {
          sim.restart();
        }
        sim.faults().clear();
        quietNanos = System.nanoTime() - born;
      }
    }

    long quietSeconds() {
      return quietNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toSeconds(quietNanos);
    }

    void stop() {
      stopped = true;
    }
  }
}
