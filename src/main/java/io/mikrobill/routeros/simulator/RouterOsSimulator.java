package io.mikrobill.routeros.simulator;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated MikroTik router speaking the RouterOS API, for tests and load drills. Start it on a
 * free port, drive it with any API client, change its faults while it runs and read its state:
 *
 * <pre>{@code
 * try (RouterOsSimulator sim = new RouterOsSimulator(SimulatorOptions.forTests().password("s").build())) {
 *   int port = sim.start();
 *   sim.faults().set("seed=7,drop-rate=0.01");
 *   ...
 *   assertThat(sim.hotspotUsers()).hasSize(1);
 * }
 * }</pre>
 *
 * Built on the protocol and transport layers only; it never uses the client.
 */
public final class RouterOsSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RouterOsSimulator.class);

  private final SimulatorOptions options;
  private final SimulatedRouter router;
  private EventLoopGroup group;
  private Channel api;
  private Channel apiSsl;
  private Channel control;
  private ScheduledFuture<?> lifeTicker;
  private ScheduledFuture<?> restarter;

  public RouterOsSimulator(SimulatorOptions options) {
    this.options = options;
    this.router = new SimulatedRouter(options);
  }

  /** Binds the listeners and returns the API port (the bound one when 0 was asked). */
  public synchronized int start() {
    if (group != null) {
      throw new IllegalStateException("simulator already started on port " + port());
    }
    group = new NioEventLoopGroup(0, new DefaultThreadFactory("simulator-io", true));
    try {
      ApiServer server = new ApiServer(router, group);
      api = server.bind(options.bind(), options.port(), false);
      if (options.apiSslPort() >= 0) {
        apiSsl = server.bind(options.bind(), options.apiSslPort(), true);
      }
      if (options.controlPort() >= 0) {
        control = new ControlServer(this).bind(group, options.bind(), options.controlPort());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding the simulator", e);
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException("simulator cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    router.state.seedServices(port(), apiSslPort(), options.maxSessions());
    long tick = options.lifeTick().toMillis();
    if (tick > 0) {
      lifeTicker = router.timer.scheduleAtFixedRate(this::lifeTick, tick, tick, TimeUnit.MILLISECONDS);
    }
    router.faults.onChange(this::scheduleRestarts);
    scheduleRestarts();
    LOG.info("simulator listening {}", describeListeners());
    return port();
  }

  public int port() {
    return api == null ? -1 : ApiServer.portOf(api);
  }

  /** The API-SSL port, or -1 when API-SSL is off. */
  public int apiSslPort() {
    return apiSsl == null ? -1 : ApiServer.portOf(apiSsl);
  }

  /** The control port, or -1 when it is off. */
  public int controlPort() {
    return control == null ? -1 : ApiServer.portOf(control);
  }

  public SimulatorOptions options() {
    return options;
  }

  /** The fault drill of this instance; change it at any time. */
  public FaultSwitch faults() {
    return router.faults;
  }

  /** Restarts the router: every connection and session is lost, configuration stays. */
  public void restart() {
    LOG.info("simulator restart connections={}", router.connectionCount());
    router.restart();
  }

  /** Moves the router's time on by {@code dt}: uptimes and counters grow, limits bite. */
  public void tick(Duration dt) {
    router.tick(dt);
  }

  /** Logs a hotspot user in as if from a browser; returns the session's {@code .id}. */
  public String loginHotspot(String user) {
    return router.life.loginHotspot(user, null, null, "http-chap");
  }

  /** Brings a PPP secret online as if its client dialled in; returns the session's {@code .id}. */
  public String loginPpp(String name) {
    return router.life.loginPpp(name);
  }

  public int connectionCount() {
    return router.connectionCount();
  }

  public long commandsServed() {
    return router.commandsServed();
  }

  public long restarts() {
    return router.restarts();
  }

  public List<Map<String, String>> hotspotUsers() {
    return router.state.hotspotUsers.snapshot();
  }

  public List<Map<String, String>> hotspotProfiles() {
    return router.state.hotspotProfiles.snapshot();
  }

  public List<Map<String, String>> hotspotActive() {
    return router.state.hotspotActive.snapshot();
  }

  public List<Map<String, String>> pppSecrets() {
    return router.state.pppSecrets.snapshot();
  }

  public List<Map<String, String>> pppProfiles() {
    return router.state.pppProfiles.snapshot();
  }

  public List<Map<String, String>> pppActive() {
    return router.state.pppActive.snapshot();
  }

  public String identity() {
    return router.state.identity;
  }

  /** One line of {@code key=value} for logs and the control port. */
  public String describeState() {
    return "connections=" + connectionCount() + " commands=" + commandsServed() + " restarts=" + restarts()
        + " hotspot-users=" + router.state.hotspotUsers.size() + " hotspot-active=" + router.state.hotspotActive.size()
        + " ppp-secrets=" + router.state.pppSecrets.size() + " ppp-active=" + router.state.pppActive.size()
        + " faults=" + router.faults.spec();
  }

  /** The listening line the command prints. */
  public String describeListeners() {
    return "api=" + options.bind() + ":" + port()
        + (apiSsl != null ? " api-ssl=" + options.bind() + ":" + apiSslPort() : "")
        + (control != null ? " control=" + options.bind() + ":" + controlPort() : "")
        + " version=" + options.version().label() + " user=" + options.user();
  }

  @Override
  public synchronized void close() {
    if (lifeTicker != null) {
      lifeTicker.cancel(false);
    }
    if (restarter != null) {
      restarter.cancel(false);
    }
    for (Channel ch : new Channel[] {api, apiSsl, control}) {
      if (ch != null) {
        ch.close().awaitUninterruptibly();
      }
    }
    router.close();
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  private void lifeTick() {
    try {
      router.life.tick(options.lifeTick());
    } catch (RuntimeException e) {
      // The schedule must survive a bad tick.
      LOG.warn("simulator life tick failed: {}", e.toString(), e);
    }
  }

  private synchronized void scheduleRestarts() {
    if (restarter != null) {
      restarter.cancel(false);
      restarter = null;
    }
    long every = router.faults.spec().restartEveryMs();
    if (every > 0 && group != null) {
      restarter = router.timer.scheduleAtFixedRate(this::restart, every, every, TimeUnit.MILLISECONDS);
    }
  }
}
