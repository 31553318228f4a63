package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.PoolExhaustedException;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one router. Since one connection multiplexes many commands by tag, acquiring
 * means picking the least-loaded live connection that is under its in-flight bound; a new
 * connection is opened only when all are at that bound, up to the maximum (capped by the
 * router's {@code max-sessions}). Callers that find no room wait, bounded in number and time; a
 * caller that times out gets a {@link PoolExhaustedException} showing the pool's state and the
 * last connect failure.
 *
 * <p>A housekeeper keeps the minimum warm (reconnecting with jittered exponential backoff),
 * closes idle connections above the minimum and health-checks idle ones. All state changes
 * happen under one lock; futures are completed outside it.
 */
public final class ConnectionPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final ClientOptions client;
  private final PoolOptions options;
  private final ScheduledExecutorService scheduler;
  private final Function<ClientOptions, CompletableFuture<RouterOsConnection>> connector;
  private final PoolListener listener;
  private final PoolMetrics metrics;
  private final LongSupplier nanoTime;

  private final Object lock = new Object();
  private final List<PooledConnection> entries = new ArrayList<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private int connecting;
  private int effectiveMax;
  private int consecutiveFailures;
  private boolean available;
  private boolean closed;
  private boolean maxSessionsChecked;
  private volatile Throwable lastFailure;
  private ScheduledFuture<?> housekeeper;

  public ConnectionPool(ClientOptions client, PoolOptions options, EventLoopGroup group, PoolListener listener, PoolMetrics metrics) {
    this(client, options, group, o -> RouterOsConnection.connect(o, group), listener, metrics, System::nanoTime);
  }

  ConnectionPool(
      ClientOptions client,
      PoolOptions options,
      ScheduledExecutorService scheduler,
      Function<ClientOptions, CompletableFuture<RouterOsConnection>> connector,
      PoolListener listener,
      PoolMetrics metrics,
      LongSupplier nanoTime) {
    this.client = client;
    this.options = options;
    this.scheduler = scheduler;
    this.connector = connector;
    this.listener = listener;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
    this.effectiveMax = options.maxConnections();
  }

  public String router() {
    return client.name();
  }

  public PoolOptions options() {
    return options;
  }

  /**
   * Opens the minimum number of connections and starts the housekeeper. Completes when the first
   * connection is up, or with the first failure (the pool keeps retrying in the background).
   */
  public CompletableFuture<Void> start() {
    CompletableFuture<Void> first = new CompletableFuture<>();
    synchronized (lock) {
      long period = options.healthCheckInterval().toNanos();
      housekeeper = scheduler.scheduleWithFixedDelay(this::housekeep, period, period, TimeUnit.NANOSECONDS);
      int warm = Math.max(1, options.minConnections());
      for (int i = 0; i < warm; i++) {
        connecting++;
        openConnection(0, first);
      }
    }
    return first;
  }

  /** Runs a command on a pooled connection. */
  public CompletableFuture<CommandResult> execute(Command command, Duration timeout) {
    return acquire().thenCompose(lease -> lease.connection().execute(command, timeout).whenComplete((r, e) -> lease.release()));
  }

  /** A share of a connection; release it when the command is done. */
  public CompletableFuture<Lease> acquire() {
    Lease immediate;
    Waiter waiter;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new RouterOsConnectionException("router=" + router() + " pool is closed"));
      }
      PooledConnection e = leastLoadedWithRoom();
      if (e != null) {
        immediate = take(e);
        waiter = null;
      } else {
        immediate = null;
        growIfPossible();
        if (waiters.size() >= options.maxWaiting()) {
          metrics.acquireTimedOut();
          return CompletableFuture.failedFuture(exhausted("waiting queue is full"));
        }
        waiter = new Waiter(nanoTime.getAsLong());
        waiters.addLast(waiter);
        waiter.timer = scheduler.schedule(() -> timeOut(waiter), options.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
    }
    if (immediate != null) {
      metrics.acquired(0);
      return CompletableFuture.completedFuture(immediate);
    }
    return waiter.future;
  }

  public PoolState state() {
    synchronized (lock) {
      int active = 0;
      for (PooledConnection e : entries) {
        if (e.inFlight > 0) {
          active++;
        }
      }
      return new PoolState(entries.size(), active, entries.size() - active, waiters.size(), connecting, effectiveMax);
    }
  }

  /** Whether at least one connection is up. */
  public boolean isAvailable() {
    synchronized (lock) {
      return available;
    }
  }

  public Throwable lastFailure() {
    return lastFailure;
  }

  @Override
  public void close() {
    List<PooledConnection> toClose;
    List<Waiter> toFail;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (housekeeper != null) {
        housekeeper.cancel(false);
      }
      toClose = new ArrayList<>(entries);
      toFail = new ArrayList<>(waiters);
      waiters.clear();
    }
    RouterOsConnectionException closing = new RouterOsConnectionException("router=" + router() + " pool is closing");
    toFail.forEach(w -> w.fail(closing));
    toClose.forEach(e -> e.connection.close());
  }

  // ---- under lock -------------------------------------------------------------------------

  private PooledConnection leastLoadedWithRoom() {
    PooledConnection best = null;
    for (PooledConnection e : entries) {
      if (e.connection.isActive() && e.inFlight < options.maxInFlightPerConnection()
          && (best == null || e.inFlight < best.inFlight)) {
        best = e;
      }
    }
    return best;
  }

  private Lease take(PooledConnection e) {
    e.inFlight++;
    e.lastUsedNanos = nanoTime.getAsLong();
    return new Lease(this, e);
  }

  private void growIfPossible() {
    if (entries.size() + connecting < effectiveMax && connecting == 0) {
      connecting++;
      openConnection(backoffNanos(), null);
    }
  }

  private long backoffNanos() {
    if (consecutiveFailures == 0) {
      return 0;
    }
    long initial = options.reconnectInitial().toNanos();
    long max = options.reconnectMax().toNanos();
    long exp = initial << Math.min(consecutiveFailures - 1, 20);
    long base = Math.min(max, exp > 0 ? exp : max);
    return (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
  }

  private PoolExhaustedException exhausted(String why) {
    Throwable cause = lastFailure;
    return new PoolExhaustedException(
        "router=" + router() + " connection pool exhausted (" + why + ") after "
            + options.acquireTimeout().toMillis() + " ms: " + stateUnlocked()
            + (cause != null ? " lastFailure=\"" + cause.getMessage() + "\"" : ""),
        cause);
  }

  private PoolState stateUnlocked() {
    int active = 0;
    for (PooledConnection e : entries) {
      if (e.inFlight > 0) {
        active++;
      }
    }
    return new PoolState(entries.size(), active, entries.size() - active, waiters.size(), connecting, effectiveMax);
  }

  // ---- transitions ------------------------------------------------------------------------

  private void openConnection(long delayNanos, CompletableFuture<Void> firstUp) {
    Runnable connect = () -> connector.apply(client).whenComplete((conn, err) -> onConnected(conn, err, firstUp));
    if (delayNanos > 0) {
      scheduler.schedule(connect, delayNanos, TimeUnit.NANOSECONDS);
    } else {
      connect.run();
    }
  }

  private void onConnected(RouterOsConnection conn, Throwable err, CompletableFuture<Void> firstUp) {
    Throwable cause = err == null ? null : io.mikrobill.routeros.Failures.unwrap(err);
    boolean becameAvailable = false;
    boolean becameUnavailable = false;
    boolean checkMaxSessions = false;
    PooledConnection entry = null;
    synchronized (lock) {
      connecting--;
      if (cause != null) {
        lastFailure = cause;
        consecutiveFailures++;
        metrics.connectFailed();
        LOG.warn("router={} connect failed attempt={} error=\"{}\"", router(), consecutiveFailures, cause.getMessage());
        if (entries.isEmpty() && connecting == 0) {
          becameUnavailable = available || consecutiveFailures == 1;
          available = false;
        }
        if (!closed && (entries.size() + connecting < options.minConnections() || !waiters.isEmpty())) {
          connecting++;
          openConnection(backoffNanos(), null);
        }
      } else if (closed) {
        conn.close();
      } else {
        consecutiveFailures = 0;
        entry = new PooledConnection(conn, nanoTime.getAsLong());
        entries.add(entry);
        metrics.connectionOpened();
        becameAvailable = !available;
        available = true;
        checkMaxSessions = options.respectMaxSessions() && !maxSessionsChecked;
        maxSessionsChecked = true;
        LOG.info("{} connected pool={}", conn.id(), stateUnlocked());
      }
    }
    if (entry != null) {
      PooledConnection e = entry;
      conn.closeFuture().whenComplete((r, x) -> onClosed(e, r));
      if (checkMaxSessions) {
        readMaxSessions(conn);
      }
      serveWaiters();
    }
    if (firstUp != null) {
      if (cause == null) {
        firstUp.complete(null);
      } else {
        firstUp.completeExceptionally(cause);
      }
    }
    if (becameAvailable) {
      listener.available(router());
    }
    if (becameUnavailable) {
      listener.unavailable(router(), cause);
    }
  }

  private void onClosed(PooledConnection entry, Throwable reason) {
    boolean becameUnavailable;
    synchronized (lock) {
      if (!entries.remove(entry)) {
        return;
      }
      metrics.connectionClosed();
      becameUnavailable = entries.isEmpty() && available;
      if (becameUnavailable) {
        available = false;
      }
      if (reason != null) {
        lastFailure = reason;
      }
      if (!closed) {
        LOG.info("router={} connection closed reason=\"{}\" pool={}", router(),
            reason == null ? "closed" : reason.getMessage(), stateUnlocked());
        ensureMinimum();
        if (!waiters.isEmpty()) {
          growIfPossible();
        }
      }
    }
    if (becameUnavailable && !isClosed()) {
      listener.unavailable(router(), reason);
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void ensureMinimum() {
    while (entries.size() + connecting < Math.min(options.minConnections(), effectiveMax)) {
      connecting++;
      openConnection(backoffNanos() + (consecutiveFailures == 0 ? options.reconnectInitial().toNanos() : 0), null);
    }
  }

  void release(PooledConnection e) {
    synchronized (lock) {
      e.inFlight--;
      e.lastUsedNanos = nanoTime.getAsLong();
    }
    serveWaiters();
  }

  private void serveWaiters() {
    List<Waiter> served = new ArrayList<>();
    List<Lease> leases = new ArrayList<>();
    synchronized (lock) {
      while (!waiters.isEmpty()) {
        PooledConnection e = leastLoadedWithRoom();
        if (e == null) {
          break;
        }
        served.add(waiters.pollFirst());
        leases.add(take(e));
      }
      if (!waiters.isEmpty() && !closed) {
        growIfPossible();
      }
    }
    long now = nanoTime.getAsLong();
    for (int i = 0; i < served.size(); i++) {
      Waiter w = served.get(i);
      metrics.acquired(now - w.sinceNanos);
      if (!w.complete(leases.get(i))) {
        leases.get(i).release();
      }
    }
  }

  private void timeOut(Waiter w) {
    PoolExhaustedException error;
    synchronized (lock) {
      if (!waiters.contains(w)) {
        return;
      }
      error = exhausted("no connection within the acquire timeout");
      waiters.remove(w);
    }
    metrics.acquireTimedOut();
    w.fail(error);
  }

  private void readMaxSessions(RouterOsConnection conn) {
    String service = client.tls() ? "api-ssl" : "api";
    conn.execute(Command.of("/ip/service/print", "?name=" + service, "=.proplist=max-sessions"), HEALTH_CHECK_TIMEOUT)
        .whenComplete((r, e) -> {
          if (e != null || r.records().isEmpty() || r.records().get(0).get("max-sessions") == null) {
            LOG.warn("router={} cannot read max-sessions of service={}; keeping max={}", router(), service, options.maxConnections());
            return;
          }
          try {
            int max = Integer.parseInt(r.records().get(0).get("max-sessions"));
            synchronized (lock) {
              effectiveMax = Math.max(1, Math.min(options.maxConnections(), max));
            }
            LOG.info("router={} service={} max-sessions={} pool max={}", router(), service, max, effectiveMax);
          } catch (NumberFormatException nfe) {
            LOG.warn("router={} max-sessions '{}' is not a number", router(), r.records().get(0).get("max-sessions"));
          }
        });
  }

  /** Closes idle connections above the minimum, health-checks idle ones, keeps the minimum. */
  void housekeep() {
    try {
      List<PooledConnection> toClose = new ArrayList<>();
      List<PooledConnection> toCheck = new ArrayList<>();
      long now = nanoTime.getAsLong();
      synchronized (lock) {
        if (closed) {
          return;
        }
        int keep = entries.size();
        for (PooledConnection e : entries) {
          if (e.inFlight == 0 && now - e.lastUsedNanos > options.idleTimeout().toNanos() && keep > options.minConnections()) {
            toClose.add(e);
            keep--;
          } else if (e.inFlight == 0) {
            toCheck.add(e);
          }
        }
        ensureMinimum();
      }
      for (PooledConnection e : toClose) {
        LOG.info("{} closing idle connection", e.connection.id());
        e.connection.close();
      }
      for (PooledConnection e : toCheck) {
        e.connection.execute(Command.of("/system/identity/print"), HEALTH_CHECK_TIMEOUT).whenComplete((r, err) -> {
          if (err != null) {
            LOG.warn("{} health check failed error=\"{}\"; closing", e.connection.id(), err.getMessage());
            e.connection.close();
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.warn("router={} housekeeper error=\"{}\"", router(), e.toString());
    }
  }
}
