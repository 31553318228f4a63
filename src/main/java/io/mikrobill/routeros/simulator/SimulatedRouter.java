package io.mikrobill.routeros.simulator;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The router without its network: state, life, processor, faults and the counters tests read.
 * Sessions ({@link ApiSession}) reach everything through it.
 */
final class SimulatedRouter implements AutoCloseable {

  final SimulatorOptions options;
  final RouterClock clock;
  final RouterState state;
  final SessionLife life;
  final FaultSwitch faults;
  final ScheduledExecutorService timer;
  final CpuModel cpu;
  final CommandDispatcher dispatcher;
  final ChannelGroup channels = new DefaultChannelGroup("simulator", GlobalEventExecutor.INSTANCE);
  private final AtomicInteger sessions = new AtomicInteger();
  private final LongAdder commandsServed = new LongAdder();
  private final AtomicLong restarts = new AtomicLong();
  private final AtomicInteger inService = new AtomicInteger();
  private final SavedState saved;

  SimulatedRouter(SimulatorOptions options) {
    this.options = options;
    this.clock = new RouterClock(options.clock());
    this.state = new RouterState(clock, options.identity());
    this.life = new SessionLife(state, options.lifeSeed());
    this.faults = new FaultSwitch(options.faults());
    AtomicInteger n = new AtomicInteger();
    this.timer = Executors.newScheduledThreadPool(Math.min(4, Math.max(2, options.cpuCores())), r -> {
      Thread t = new Thread(r, "simulator-timer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.cpu = new CpuModel(options.cpuCores(), options.latency(), timer);
    SystemCommands system = new SystemCommands(state, options.version(), options.cpuCores(), this::cpuLoad, timer);
    this.dispatcher = new CommandDispatcher(state, life, system);
    this.saved = options.stateFile() == null ? null : new SavedState(options.stateFile(), state, timer);
    if (saved == null || !saved.load()) {
      life.seed(options.seedUsers());
    }
    if (saved != null) {
      saved.save();
      saved.follow();
    }
  }

  RouterOsVersion version() {
    return options.version();
  }

  long rttNanos() {
    return options.rtt().toNanos();
  }

  /** Counts a new connection; false when it is over {@code max-sessions}. */
  boolean sessionOpened(Channel ch) {
    channels.add(ch);
    return sessions.incrementAndGet() <= state.apiMaxSessions(options.maxSessions());
  }

  void sessionClosed() {
    sessions.decrementAndGet();
  }

  int connectionCount() {
    return sessions.get();
  }

  void commandServed() {
    commandsServed.increment();
  }

  long commandsServed() {
    return commandsServed.sum();
  }

  long restarts() {
    return restarts.get();
  }

  /** Runs a command's work on the processor, counting it in service for {@code cpu-load}. */
  void serve(Runnable work, SerialLane lane) {
    Runnable counted = () -> {
      inService.incrementAndGet();
      try {
        work.run();
      } finally {
        inService.decrementAndGet();
      }
    };
    if (lane != null) {
      lane.submit(counted);
    } else {
      cpu.submit(counted, null);
    }
  }

  private int cpuLoad() {
    int busy = Math.min(options.cpuCores(), inService.get() + cpu.backlog());
    return Math.min(100, 1 + busy * 100 / options.cpuCores());
  }

  /** Moves router time on: sessions age, counters grow, limits bite. */
  void tick(Duration dt) {
    clock.advance(dt);
    life.tick(dt);
  }

  /** Drops every connection and session; configuration stays. */
  void restart() {
    restarts.incrementAndGet();
    channels.close();
    life.clear();
  }

  @Override
  public void close() {
    channels.close().awaitUninterruptibly();
    if (saved != null) {
      saved.save();
    }
    timer.shutdownNow();
  }
}
