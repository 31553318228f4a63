package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.PoolExhaustedException;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The connections to one router. Since one connection multiplexes many commands by tag, acquiring
 * means picking the least-loaded live connection that is under its in-flight bound (the {@link
 * ConnectionBag}); a new connection is opened only when all are at that bound, up to the maximum
 * (capped by the router's {@code max-sessions}). Callers that find no room wait, bounded in number
 * and time; a caller that times out gets a {@link PoolExhaustedException} showing the pool's state
 * and the last connect failure.
 *
 * <p>A router known to be down fails fast: while no connection is up and the last connect attempt
 * failed, callers get a {@link RouterOsConnectionException} naming that failure at once, instead of
 * waiting out the acquire timeout, while the pool keeps reconnecting.
 *
 * <p>This class serves the callers. The {@link ConnectionOpener} opens, replaces and retries
 * connections (on the {@link ReconnectSchedule}); the {@link HouseKeeper} keeps the minimum warm,
 * closes idle connections above it and health-checks idle ones. All state changes happen under one
 * lock; futures are completed and listeners called outside it.
 */
public final class ConnectionPool implements AutoCloseable {

  private final ClientOptions client;
  private final PoolOptions options;
  private final ScheduledExecutorService scheduler;
  private final PoolMetrics metrics;
  private final LongSupplier nanoTime;
  private final HouseKeeper houseKeeper = new HouseKeeper(this);

  private final Object lock = new Object();
  private final ConnectionBag bag;
  private final ConnectionOpener opener;
  private boolean closed;
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
    this.metrics = metrics;
    this.nanoTime = nanoTime;
    this.bag = new ConnectionBag(options.maxInFlightPerConnection());
    this.opener = new ConnectionOpener(client, options, scheduler, connector, listener, metrics, nanoTime, lock, bag, this::serveWaiters);
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
      opener.start(first);
    }
    return first;
  }

  /** Runs a command on a pooled connection. */
  public CompletableFuture<CommandResult> execute(Command command, Duration timeout) {
    return acquire().thenCompose(lease -> lease.connection().execute(command, timeout).whenComplete((r, e) -> lease.release()));
  }

  /**
   * A share of a connection; release it when the command is done. Fails at once while the router
   * is known to be down, or when too many callers wait already.
   */
  public CompletableFuture<Lease> acquire() {
    Waiter waiter;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new RouterOsConnectionException("router=" + router() + " pool is closed"));
      }
      PooledConnection e = bag.leastLoadedWithRoom();
      if (e != null) {
        bag.take(e, nanoTime.getAsLong());
        metrics.acquired(router(), 0);
        return CompletableFuture.completedFuture(new Lease(this, e));
      }
      opener.grow();
      if (opener.isKnownDown()) {
        metrics.acquireFailedFast(router());
        return CompletableFuture.failedFuture(opener.unreachable());
      }
      if (bag.waiting() >= options.maxWaiting()) {
        metrics.acquireTimedOut(router());
        return CompletableFuture.failedFuture(exhausted("waiting queue is full"));
      }
      waiter = new Waiter(nanoTime.getAsLong());
      bag.enqueue(waiter);
      waiter.timer = scheduler.schedule(() -> timeOut(waiter), options.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    return waiter.future;
  }

  public PoolState state() {
    synchronized (lock) {
      return bag.state(opener.connecting(), opener.max());
    }
  }

  /** Whether at least one connection is up. */
  public boolean isAvailable() {
    synchronized (lock) {
      return opener.isAvailable();
    }
  }

  /** The last connect failure or reason a connection closed, or null. */
  public Throwable lastFailure() {
    return opener.lastFailure();
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
      opener.close();
      if (housekeeping != null) {
        housekeeping.cancel(false);
      }
      toClose = bag.all();
      toFail = bag.drainWaiters();
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
      opener.ensureMinimum();
      return sweep;
    }
  }

  void release(PooledConnection e) {
    synchronized (lock) {
      bag.give(e, nanoTime.getAsLong());
    }
    serveWaiters();
  }

  /** Hands connections with room to the callers waiting longest; asks for one more if some still wait. */
  private void serveWaiters() {
    List<ConnectionBag.Handoff> served;
    synchronized (lock) {
      served = bag.handOff(nanoTime.getAsLong());
      if (bag.hasWaiters() && !closed) {
        opener.grow();
      }
    }
    for (ConnectionBag.Handoff h : served) {
      metrics.acquired(router(), h.waitedNanos());
      Lease lease = new Lease(this, h.entry());
      if (!h.waiter().complete(lease)) {
        lease.release();
      }
    }
  }

  private void timeOut(Waiter w) {
    PoolExhaustedException error;
    synchronized (lock) {
      error = exhausted("no connection within the acquire timeout"); // counting the caller itself
      if (!bag.withdraw(w)) {
        return;
      }
    }
    metrics.acquireTimedOut(router());
    w.fail(error);
  }

  /** Under the lock. */
  private PoolExhaustedException exhausted(String why) {
    return AcquireFailures.exhausted(router(), why, options.acquireTimeout(),
        bag.state(opener.connecting(), opener.max()), opener.lastFailure());
  }
}
