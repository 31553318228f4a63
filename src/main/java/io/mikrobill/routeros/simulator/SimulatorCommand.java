package io.mikrobill.routeros.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mikrobill simulator [options]}: starts a simulated router, prints one line saying where
 * it listens, and serves until stopped (Ctrl-C). See {@link #USAGE}.
 */
public final class SimulatorCommand {

  static final String USAGE = """
      usage: mikrobill simulator [options]
        --bind ADDR              address to listen on (default 127.0.0.1)
        --port N                 API port, 0 = free port (default 8728)
        --api-ssl-port N         API-SSL port, 0 = free port, -1 = off (default 8729)
        --user NAME              API user (default admin)
        --password P             API password (default empty)
        --version V              7.19 | 6.49 | 6.42 (default 7.19; 6.42 logs in by MD5 challenge only)
        --seed-users N           create N hotspot users and PPP secrets; some log in and out over time
        --state FILE             keep the configuration (users, secrets, profiles) in FILE across restarts
        --latency-ms X           the router's service time per command (default 0)
        --rtt-ms Y               network round trip added to every reply (default 0)
        --serial-per-connection  serve one command at a time per connection
        --cpu-cores N            commands served at once by the whole router (default 2)
        --max-sessions N         API sessions allowed at once (default 20)
        --faults SPEC            fault drill, comma-separated key=value:
                                   seed=42 drop-after=N drop-rate=P stall-rate=P stall-ms=MS
                                   garbage-rate=P fatal-rate=P refuse-login=true|false restart-every-ms=MS
        --control-port P         line-based control port on the bind address, 0 = free port:
                                   faults SPEC | fault KEY=VALUE | restart | tick SECONDS | state | help | quit
        --help                   this text
      """;

  private SimulatorCommand() {}

  /** Runs the command; returns the exit code (0 ok, 2 bad arguments, 1 cannot start). */
  public static int run(String[] args) {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "simulator-shutdown"));
    return run(args, System.out, System.err, stop);
  }

  /** Runs until {@code stop} opens; the simulator is closed before returning. */
  static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) {
    SimulatorOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("simulator: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (options == null) {
      out.print(USAGE);
      return 0;
    }
    try (RouterOsSimulator sim = new RouterOsSimulator(options)) {
      try {
        sim.start();
      } catch (IllegalStateException e) {
        err.println("simulator: " + e.getMessage());
        return 1;
      }
      out.println("simulator listening " + sim.describeListeners());
      out.flush();
      stop.await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The options the arguments ask for, or null for {@code --help}. */
  static SimulatorOptions parse(String[] args) {
    SimulatorOptions.Builder b = SimulatorOptions.builder();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return null;
      }
      if (a.equals("--serial-per-connection")) {
        b.serialPerConnection(true);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unknown argument '" + a + "'");
      }
      String v = args[++i];
      switch (a) {
        case "--bind" -> b.bind(v);
        case "--port" -> b.port(number(a, v));
        case "--api-ssl-port" -> b.apiSslPort(number(a, v));
        case "--user" -> b.user(v);
        case "--password" -> b.password(v);
        case "--version" -> b.version(RouterOsVersion.fromLabel(v));
        case "--seed-users" -> b.seedUsers(number(a, v));
        case "--state" -> b.stateFile(java.nio.file.Path.of(v));
        case "--latency-ms" -> b.latency(Duration.ofMillis(number(a, v)));
        case "--rtt-ms" -> b.rtt(Duration.ofMillis(number(a, v)));
        case "--cpu-cores" -> b.cpuCores(number(a, v));
        case "--max-sessions" -> b.maxSessions(number(a, v));
        case "--faults" -> b.faults(FaultSpec.parse(v));
        case "--control-port" -> b.controlPort(number(a, v));
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    return b.build();
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, was '" + value + "'");
    }
  }
}
