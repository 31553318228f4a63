package io.mikrobill.routeros.simulator;

import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the simulator on one connection, through the project's client: {@code total}
 * pipelined {@code /system/identity/print} commands with up to {@code inFlight} outstanding,
 * {@code --latency-ms 0}. Not a test: run it by hand.
 *
 * <pre>
 *   ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *       io.mikrobill.routeros.simulator.SimulatorThroughputBenchmark [total] [inFlight]
 * </pre>
 */
public final class SimulatorThroughputBenchmark {

  private SimulatorThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    SimulatorOptions options = SimulatorOptions.forTests().password("bench").build();
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    try (RouterOsSimulator sim = new RouterOsSimulator(options)) {
      sim.start();
      ClientOptions client = ClientOptions.builder().port(sim.port()).password("bench")
          .commandTimeout(Duration.ofSeconds(60)).build();
      RouterOsConnection c = RouterOsConnection.connect(client, group).get(10, TimeUnit.SECONDS);
      Command cmd = Command.of("/system/identity/print");
      run(c, cmd, Math.min(total, 20_000), inFlight); // warm-up
      long start = System.nanoTime();
      long failed = run(c, cmd, total, inFlight);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("simulator throughput: %d commands on one connection, %d in flight, %.2f s, %.0f commands/s, failed=%d%n",
          total, inFlight, seconds, total / seconds, failed);
      c.close();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  private static long run(RouterOsConnection c, Command cmd, int total, int inFlight) throws InterruptedException {
    Semaphore window = new Semaphore(inFlight);
    AtomicLong failed = new AtomicLong();
    for (int i = 0; i < total; i++) {
      window.acquire();
      c.execute(cmd).whenComplete((r, e) -> {
        if (e != null) {
          failed.incrementAndGet();
        }
        window.release();
      });
    }
    window.acquire(inFlight);
    return failed.get();
  }
}
