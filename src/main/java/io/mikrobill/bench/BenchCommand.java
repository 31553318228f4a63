package io.mikrobill.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.pool.ConnectionPool;
import io.mikrobill.routeros.pool.PoolListener;
import io.mikrobill.routeros.pool.PoolMetrics;
import io.mikrobill.routeros.pool.PoolOptions;
import io.mikrobill.routeros.protocol.Command;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench}: measures commands per second, latency and the client's CPU per command against a
 * router or the simulator, and prints one JSON object. Run it against a simulator in another
 * process, so the CPU figure is the client's alone.
 */
public final class BenchCommand {

  private final PrintStream out;
  private final PrintStream err;

  BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static int run(String[] args) {
    return new BenchCommand(System.out, System.err).execute(args, System.getenv());
  }

  int execute(String[] args, Map<String, String> env) {
    BenchArguments a;
    try {
      a = BenchArguments.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      err.println(BenchArguments.USAGE);
      return 64;
    }
    if (a.help()) {
      out.println(BenchArguments.USAGE);
      return 0;
    }
    EventLoopGroup group = new NioEventLoopGroup(Math.max(1, Math.min(a.connections(), Runtime.getRuntime().availableProcessors())),
        new DefaultThreadFactory("bench-io", true));
    try {
      ObjectNode result = a.workload().equals("read-heavy") ? ReadHeavyWorkload.run(a, group, err)
          : a.mode().equals("pooled") ? pooled(a, group) : connectPerCommand(a, group);
      out.println(new ObjectMapper().writeValueAsString(result));
      return result.get("errors").asLong() == 0 ? 0 : 1;
    } catch (Exception e) {
      err.println("bench: " + e.getMessage());
      return 3;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private ObjectNode pooled(BenchArguments a, EventLoopGroup group) throws Exception {
    PoolOptions po = PoolOptions.builder().minConnections(a.connections()).maxConnections(a.connections())
        .maxInFlightPerConnection(a.maxInFlight()).acquireTimeout(Duration.ofSeconds(60)).maxWaiting(1_000_000).build();
    try (ConnectionPool pool = new ConnectionPool(a.client(), po, group, PoolListener.NONE, PoolMetrics.NONE)) {
      pool.start().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (pool.state().total() < Math.min(a.connections(), pool.state().maxConnections()) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Command command = command(a.command());
      Duration timeout = a.client().commandTimeout();
      if (a.warmup() > 0) {
        LoadDriver.run(a.warmup(), a.concurrency(), n -> pool.execute(command, timeout));
      }
      return measure(a, n -> pool.execute(command, timeout), pool.state().total());
    }
  }

  private ObjectNode connectPerCommand(BenchArguments a, EventLoopGroup group) throws Exception {
    Command command = command(a.command());
    ClientOptions client = a.client();
    return measure(a, n -> RouterOsConnection.connect(client, group).thenCompose(conn ->
        conn.execute(command).whenComplete((r, e) -> conn.close())), a.concurrency());
  }

  private ObjectNode measure(BenchArguments a, java.util.function.IntFunction<CompletableFuture<?>> op, int connections)
      throws InterruptedException {
    long cpu0 = processCpuNanos();
    err.printf("bench: %s workload=%s commands=%d concurrency=%d connections=%d ...%n", a.mode(), a.workload(), a.commands(),
        a.concurrency(), connections);
    LoadDriver.Result r = LoadDriver.run(a.commands(), a.concurrency(), op);
    long cpu = processCpuNanos() - cpu0;
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("ops", r.ops());
    json.put("seconds", round(r.seconds(), 3));
    json.put("opsPerSec", round(r.ops() / r.seconds(), 1));
    json.put("p50Ms", round(r.latencies().percentileMillis(50), 3));
    json.put("p99Ms", round(r.latencies().percentileMillis(99), 3));
    json.put("errors", r.errors());
    json.put("mode", a.mode());
    json.put("connections", connections);
    json.put("concurrency", a.concurrency());
    json.put("command", String.join(" ", a.command()));
    json.put("clientCpuMicrosPerOp", round(cpu / 1000.0 / r.ops(), 2));
    if (r.firstError() != null) {
      json.put("firstError", r.firstError());
    }
    return json;
  }

  static Command command(List<String> words) {
    return new Command(words.get(0), words.subList(1, words.size()));
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
