package io.mikrobill.routeros.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The single-item menus and tools: {@code /system/resource}, {@code /system/identity} and
 * {@code /interface/monitor-traffic} (one sample with {@code =once=}, else one a second until
 * cancelled).
 */
final class SystemCommands {

  private static final long TOTAL_MEMORY = 268_435_456L;

  private final RouterState state;
  private final RouterOsVersion version;
  private final int cores;
  private final IntSupplier cpuLoad;
  private final ScheduledExecutorService timer;

  SystemCommands(RouterState state, RouterOsVersion version, int cores, IntSupplier cpuLoad, ScheduledExecutorService timer) {
    this.state = state;
    this.version = version;
    this.cores = cores;
    this.cpuLoad = cpuLoad;
    this.timer = timer;
  }

  MenuCommands resource() {
    return (verb, req, out) -> {
      switch (verb) {
        case "print" -> Printer.print(List.of(resourceRow()), req, out);
        case "get" -> get(resourceRow(), req, out);
        default -> throw MenuCommands.noSuchCommand();
      }
    };
  }

  MenuCommands identity() {
    return (verb, req, out) -> {
      switch (verb) {
        case "print" -> Printer.print(List.of(Map.of("name", state.identity)), req, out);
        case "get" -> get(Map.of("name", state.identity), req, out);
        case "set" -> {
          String name = req.attribute("name");
          if (name == null || name.isEmpty()) {
            throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "missing value(s) of argument(s) name");
          }
          state.identity = name;
          out.done();
        }
        default -> throw MenuCommands.noSuchCommand();
      }
    };
  }

  MenuCommands monitorTraffic() {
    return (verb, req, out) -> {
      String names = req.attribute("interface");
      if (names == null || names.isEmpty()) {
        throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "missing value(s) of argument(s) interface");
      }
      List<String> list = new ArrayList<>();
      for (String n : names.split(",")) {
        if (state.interfaces.find(n) == null) {
          throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "input does not match any value of interface");
        }
        list.add(n);
      }
      if (req.flag("once")) {
        sample(list, out);
        out.done();
        return;
      }
      ScheduledFuture<?> f = timer.scheduleAtFixedRate(() -> sample(list, out), 0, 1, TimeUnit.SECONDS);
      out.streamUntilCancelled(() -> f.cancel(false));
    };
  }

  private void sample(List<String> names, CommandReplies out) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (String n : names) {
      Map<String, String> m = new LinkedHashMap<>();
      long rxBits = 1_000_000L + r.nextLong(50_000_000L);
      long txBits = 200_000L + r.nextLong(10_000_000L);
      m.put("name", n);
      m.put("rx-packets-per-second", Long.toString(rxBits / 8 / 800));
      m.put("rx-bits-per-second", Long.toString(rxBits));
      m.put("tx-packets-per-second", Long.toString(txBits / 8 / 800));
      m.put("tx-bits-per-second", Long.toString(txBits));
      out.re(m);
    }
  }

  private Map<String, String> resourceRow() {
    Map<String, String> m = new LinkedHashMap<>();
    Duration up = Duration.between(state.bootTime, state.clock.now());
    m.put("uptime", RouterDuration.format(up));
    m.put("version", version.fullVersion());
    m.put("build-time", "2025-06-01 10:00:00");
    m.put("free-memory", Long.toString(TOTAL_MEMORY - 40_000_000L - state.hotspotUsers.size() * 512L));
    m.put("total-memory", Long.toString(TOTAL_MEMORY));
    m.put("cpu", "ARMv7");
    m.put("cpu-count", Integer.toString(cores));
    m.put("cpu-frequency", "716");
    m.put("cpu-load", Integer.toString(cpuLoad.getAsInt()));
    m.put("free-hdd-space", "4292608");
    m.put("total-hdd-space", "16777216");
    m.put("architecture-name", "arm");
    m.put("board-name", "hAP ac^2");
    m.put("platform", "MikroTik");
    return m;
  }

  private static void get(Map<String, String> row, Request req, CommandReplies out) {
    String name = req.attribute("value-name");
    if (name == null || !row.containsKey(name)) {
      throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "no such property " + name);
    }
    out.done(Map.of("ret", row.get(name)));
  }
}
