package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.Failures;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.client.RouterOsConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's side that faces the router: opens connections (the warm minimum at start, one more
 * when callers find no room, replacements after a loss), retries failed connects on the {@link
 * ReconnectSchedule}, removes connections that close, stays under the router's max-sessions, and
 * knows whether the router is reachable, telling the {@link PoolListener} when that changes.
 *
 * <p>While no connection is up and the last attempt failed, the router is known to be down: the
 * callers waiting are refused with the connect failure, and attempts go on until one succeeds.
 *
 * <p>It shares the pool's lock and bag. Methods said to run under the lock are called with it
 * held; the others take it. Listeners, futures and {@code roomMade} run outside it.
 */
final class ConnectionOpener {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionOpener.class);

  private final ClientOptions client;
  private final PoolOptions options;
  private final ScheduledExecutorService scheduler;
  private final Function<ClientOptions, CompletableFuture<RouterOsConnection>> connector;
  private final PoolListener listener;
  private final PoolMetrics metrics;
  private final LongSupplier nanoTime;
  private final Object lock;
  private final ConnectionBag bag;
  private final Runnable roomMade;
  private final ReconnectSchedule reconnect;

  private int connecting;
  private int effectiveMax;
  private boolean available;
  private boolean closed;
  private boolean maxSessionsChecked;
  private volatile Throwable lastFailure;

  ConnectionOpener(
      ClientOptions client,
      PoolOptions options,
      ScheduledExecutorService scheduler,
      Function<ClientOptions, CompletableFuture<RouterOsConnection>> connector,
      PoolListener listener,
      PoolMetrics metrics,
      LongSupplier nanoTime,
      Object lock,
      ConnectionBag bag,
      Runnable roomMade) {
    this.client = client;
    this.options = options;
    this.scheduler = scheduler;
    this.connector = connector;
    this.listener = listener;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
    this.lock = lock;
    this.bag = bag;
    this.roomMade = roomMade;
    this.reconnect = new ReconnectSchedule(options);
    this.effectiveMax = options.maxConnections();
  }

  private String router() {
    return client.name();
  }

  /** Opens the warm minimum, at least one; {@code first} completes with the first outcome. Under the lock. */
  void start(CompletableFuture<Void> first) {
    int warm = Math.max(1, options.minConnections());
    for (int i = 0; i < warm; i++) {
      connecting++;
      open(0, first);
    }
  }

  /** One more connection for callers that found no room, unless one is under way or the pool is full. Under the lock. */
  void grow() {
    if (bag.size() + connecting < effectiveMax && connecting == 0) {
      connecting++;
      open(reconnect.delayNanos(), null);
    }
  }

  /** Opens connections up to the minimum; after a loss, not before the initial delay. Under the lock. */
  void ensureMinimum() {
    while (bag.size() + connecting < Math.min(options.minConnections(), effectiveMax)) {
      connecting++;
      open(reconnect.delayNanos() + (reconnect.failures() == 0 ? reconnect.initialNanos() : 0), null);
    }
  }

  /** No connection is up and the last attempt failed: the router is down until one succeeds. Under the lock. */
  boolean isKnownDown() {
    return reconnect.lastAttemptFailed() && !bag.hasLive();
  }

  /** The error of a caller refused while the router is known to be down. Under the lock. */
  RouterOsConnectionException unreachable() {
    return AcquireFailures.unreachable(router(), reconnect.lastFailure(), reconnect.nextAttemptNanos() - nanoTime.getAsLong());
  }

  /** Under the lock. */
  boolean isAvailable() {
    return available;
  }

  /** Attempts under way or planned. Under the lock. */
  int connecting() {
    return connecting;
  }

  /** The most connections the pool opens: the configured maximum, capped by max-sessions. Under the lock. */
  int max() {
    return effectiveMax;
  }

  /** The last connect failure or reason a connection closed. */
  Throwable lastFailure() {
    return lastFailure;
  }

  /** Stops opening; connections that come up later are closed at once. Under the lock. */
  void close() {
    closed = true;
  }

  private void open(long delayNanos, CompletableFuture<Void> firstUp) {
    reconnect.attemptAt(nanoTime.getAsLong() + delayNanos);
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
    List<Waiter> refused = List.of();
    RouterOsConnectionException down = null;
    synchronized (lock) {
      connecting--;
      if (cause != null) {
        lastFailure = cause;
        reconnect.failed(cause);
        metrics.connectFailed(router());
        LOG.warn("router={} connect failed attempt={} error=\"{}\"", router(), reconnect.failures(), cause.getMessage());
        if (bag.isEmpty() && connecting == 0) {
          becameUnavailable = available || reconnect.failures() == 1;
          available = false;
        }
        // Keep trying while below the minimum, while callers wait, and while the router is down.
        boolean routerDown = !bag.hasLive();
        if (!closed && (bag.size() + connecting < options.minConnections() || bag.hasWaiters() || routerDown && connecting == 0)) {
          connecting++;
          open(reconnect.delayNanos(), null);
        }
        if (routerDown && bag.hasWaiters()) {
          refused = bag.drainWaiters();
          down = unreachable();
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
        LOG.info("{} connected pool={}", conn.id(), bag.state(connecting, effectiveMax));
      }
    }
    if (entry != null) {
      PooledConnection e = entry;
      conn.closeFuture().whenComplete((r, x) -> onClosed(e, r));
      if (checkMaxSessions) {
        MaxSessions.read(conn, options.maxConnections(), this::limitToMaxSessions);
      }
      roomMade.run();
    }
    for (Waiter w : refused) {
      metrics.acquireFailedFast(router());
      w.fail(down);
    }
    // Listeners first: whoever waits for start() then finds the change announced.
    if (becameAvailable) {
      listener.available(router());
    }
    if (becameUnavailable) {
      listener.unavailable(router(), cause);
    }
    if (firstUp != null) {
      if (cause == null) {
        firstUp.complete(null);
      } else {
        firstUp.completeExceptionally(cause);
      }
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
      becameUnavailable = bag.isEmpty() && available && !closed;
      if (bag.isEmpty()) {
        available = false;
      }
      if (reason != null) {
        lastFailure = reason;
      }
      if (!closed) {
        LOG.info("router={} connection closed reason=\"{}\" pool={}", router(),
            reason == null ? "closed" : reason.getMessage(), bag.state(connecting, effectiveMax));
        ensureMinimum();
        if (bag.hasWaiters()) {
          grow();
        }
      }
    }
    if (becameUnavailable) {
      listener.unavailable(router(), reason);
    }
  }
}
