package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.Failures;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one router. Since one connection multiplexes many commands by tag, acquiring
 * means picking the least-loaded live connection that is under its in-flight bound (the {@link
 * ConnectionBag}); a new connection is opened only when all are at that bound, up to the maximum
 * (capped by the router's {@code max-sessions}, read by {@link MaxSessions}). Callers that find no
 * room wait, bounded in number and time; a caller that times out gets a {@link
 * PoolExhaustedException} showing the pool's state and the last connect failure.
 *
 * <p>Failed connects are retried on the {@link ReconnectSchedule}; the {@link HouseKeeper} keeps
 * the minimum warm, closes idle connections above it and health-checks idle ones. All state
 * changes happen under one lock; futures are completed and listeners called outside it.
 */
public final class ConnectionPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

  private final ClientOptions client;
  private final PoolOptions options;
  private final ScheduledExecutorService scheduler;
  private final Function<ClientOptions, CompletableFuture<RouterOsConnection>> connector;
  private final PoolListener listener;
  private final PoolMetrics metrics;
  private final LongSupplier nanoTime;
  private final HouseKeeper houseKeeper = new HouseKeeper(this);

  private final Object lock = new Object();
  private final ConnectionBag bag;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private final ReconnectSchedule reconnect;
  private int connecting;
  private int effectiveMax;
  private boolean available;
  private boolean closed;
  private boolean maxSessionsChecked;
  private volatile Throwable lastFailure;
  private ScheduledFuture<?> housekeeping;

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
    this.bag = new ConnectionBag(options.maxInFlightPerConnection());
    this.reconnect = new ReconnectSchedule(options);
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
      housekeeping = scheduler.scheduleWithFixedDelay(houseKeeper, period, period, TimeUnit.NANOSECONDS);
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
      PooledConnection e = bag.leastLoadedWithRoom();
      if (e != null) {
        immediate = take(e);
        waiter = null;
      } else {
        immediate = null;
        growIfPossible();
        if (waiters.size() >= options.maxWaiting()) {
          metrics.acquireTimedOut(router());
          return CompletableFuture.failedFuture(exhausted("waiting queue is full"));
        }
        waiter = new Waiter(nanoTime.getAsLong());
        waiters.addLast(waiter);
        waiter.timer = scheduler.schedule(() -> timeOut(waiter), options.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
    }
    if (immediate != null) {
      metrics.acquired(router(), 0);
      return CompletableFuture.completedFuture(immediate);
    }
    return waiter.future;
  }

  public PoolState state() {
    synchronized (lock) {
      return stateUnlocked();
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
      if (housekeeping != null) {
        housekeeping.cancel(false);
      }
      toClose = bag.all();
      toFail = new ArrayList<>(waiters);
      waiters.clear();
    }
    RouterOsConnectionException closing = new RouterOsConnectionException("router=" + router() + " pool is closing");
    toFail.forEach(w -> w.fail(closing));
    toClose.forEach(e -> e.connection.close());
  }

  /** Runs the housekeeper now (tests move the clock, then call this). */
  void housekeep() {
    houseKeeper.run();
  }

  /** For the housekeeper: the idle connections to close or check; tops up the minimum. */
  ConnectionBag.Sweep sweep() {
    synchronized (lock) {
      if (closed) {
        return ConnectionBag.Sweep.NOTHING;
      }
      ConnectionBag.Sweep sweep = bag.sweep(nanoTime.getAsLong(), options.idleTimeout().toNanos(), options.minConnections());
      ensureMinimum();
      return sweep;
    }
  }

  void release(PooledConnection e) {
    synchronized (lock) {
      bag.give(e, nanoTime.getAsLong());
    }
    serveWaiters();
  }

  // ---- under lock -------------------------------------------------------------------------

  private Lease take(PooledConnection e) {
    bag.take(e, nanoTime.getAsLong());
    return new Lease(this, e);
  }

  private void growIfPossible() {
    if (bag.size() + connecting < effectiveMax && connecting == 0) {
      connecting++;
      openConnection(reconnect.delayNanos(), null);
    }
  }

  private void ensureMinimum() {
    while (bag.size() + connecting < Math.min(options.minConnections(), effectiveMax)) {
      connecting++;
      openConnection(reconnect.delayNanos() + (reconnect.failures() == 0 ? reconnect.initialNanos() : 0), null);
    }
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
    return bag.state(waiters.size(), connecting, effectiveMax);
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
    Throwable cause = err == null ? null : Failures.unwrap(err);
    boolean becameAvailable = false;
    boolean becameUnavailable = false;
    boolean checkMaxSessions = false;
    PooledConnection entry = null;
    synchronized (lock) {
      connecting--;
      if (cause != null) {
        lastFailure = cause;
        reconnect.failed();
        metrics.connectFailed(router());
        LOG.warn("router={} connect failed attempt={} error=\"{}\"", router(), reconnect.failures(), cause.getMessage());
        if (bag.isEmpty() && connecting == 0) {
          becameUnavailable = available || reconnect.failures() == 1;
          available = false;
        }
        if (!closed && (bag.size() + connecting < options.minConnections() || !waiters.isEmpty())) {
          connecting++;
          openConnection(reconnect.delayNanos(), null);
        }
      } else if (closed) {
        conn.close();
      } else {
        reconnect.succeeded();
        entry = new PooledConnection(conn, nanoTime.getAsLong());
        bag.add(entry);
        metrics.connectionOpened(router());
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
        MaxSessions.read(conn, options.maxConnections(), this::limitToMaxSessions);
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

  private int limitToMaxSessions(int maxSessions) {
    synchronized (lock) {
      effectiveMax = Math.max(1, Math.min(options.maxConnections(), maxSessions));
      return effectiveMax;
    }
  }

  private void onClosed(PooledConnection entry, Throwable reason) {
    boolean becameUnavailable;
    synchronized (lock) {
      if (!bag.remove(entry)) {
        return;
      }
      metrics.connectionClosed(router());
      becameUnavailable = bag.isEmpty() && available;
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

  private void serveWaiters() {
    List<Waiter> served = new ArrayList<>();
    List<Lease> leases = new ArrayList<>();
    synchronized (lock) {
      while (!waiters.isEmpty()) {
        PooledConnection e = bag.leastLoadedWithRoom();
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
      metrics.acquired(router(), now - w.sinceNanos);
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
    metrics.acquireTimedOut(router());
    w.fail(error);
  }
}
