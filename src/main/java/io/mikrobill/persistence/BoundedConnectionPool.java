package io.mikrobill.persistence;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small bounded pool: a semaphore holds one permit per connection the pool may lend, idle
 * connections wait in a LIFO deque (the most recently used is the most likely alive), and a
 * borrowed connection is a proxy whose {@code close()} hands it back.
 *
 * <p>Traps: a connection handed back in the middle of a transaction is rolled back before reuse,
 * so one caller's half-done work never commits under another's; a connection idle for longer than
 * {@link #VALIDATE_AFTER} is checked before it is lent, and a dead one is dropped.
 */
final class BoundedConnectionPool implements DataSource, AutoCloseable {

  static final Duration VALIDATE_AFTER = Duration.ofSeconds(30);

  /** Opens one physical connection. */
  @FunctionalInterface
  interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  private record Idle(Connection connection, long returnedAtNanos) {}

  private final String name;
  private final ConnectionFactory factory;
  private final int maxSize;
  private final Duration timeout;
  private final Semaphore permits;
  private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile SQLException lastFailure;
  private volatile boolean closed;

  BoundedConnectionPool(String name, ConnectionFactory factory, int maxSize, Duration timeout) {
    this.name = name;
    this.factory = factory;
    this.maxSize = maxSize;
    this.timeout = timeout;
    this.permits = new Semaphore(maxSize, true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("pool is closed: " + state());
    }
    waiting.incrementAndGet();
    boolean acquired;
    try {
      acquired = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection: " + state(), e);
    } finally {
      waiting.decrementAndGet();
    }
    if (!acquired) {
      throw new PoolTimeoutException(
          "no connection free within " + timeout + ": " + state(), lastFailure);
    }
    try {
      Connection physical = takeIdleOrOpen();
      active.incrementAndGet();
      return lend(physical);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private Connection takeIdleOrOpen() throws SQLException {
    Idle candidate;
    while ((candidate = idle.pollFirst()) != null) {
      Connection connection = candidate.connection();
      long idleNanos = System.nanoTime() - candidate.returnedAtNanos();
      if (idleNanos < VALIDATE_AFTER.toNanos() || isAlive(connection)) {
        return connection;
      }
      discard(connection);
    }
    try {
      Connection connection = factory.open();
      open.incrementAndGet();
      return connection;
    } catch (SQLException e) {
      lastFailure = e;
      throw e;
    }
  }

  private static boolean isAlive(Connection connection) {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection lend(Connection physical) {
    AtomicBoolean returned = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close":
                  if (returned.compareAndSet(false, true)) {
                    giveBack(physical);
                  }
                  return null;
                case "isClosed":
                  return returned.get() || physical.isClosed();
                case "toString":
                  return "pooled(" + physical + ")";
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  if (returned.get()) {
                    throw new SQLException("connection already handed back to " + name);
                  }
              }
              try {
                return method.invoke(physical, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void giveBack(Connection physical) {
    try {
      boolean reusable = !closed && reset(physical);
      if (reusable) {
        idle.offerFirst(new Idle(physical, System.nanoTime()));
      } else {
        discard(physical);
      }
    } finally {
      active.decrementAndGet();
      permits.release();
    }
  }

  private static boolean reset(Connection physical) {
    try {
      if (physical.isClosed()) {
        return false;
      }
      if (!physical.getAutoCommit()) {
        physical.rollback();
        physical.setAutoCommit(true);
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private void discard(Connection connection) {
    open.decrementAndGet();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // already broken; nothing more to release
    }
  }

  /** The pool's state as shown in errors: open, active, idle, waiting and the bound. */
  String state() {
    return "pool="
        + name
        + " open="
        + open.get()
        + " active="
        + active.get()
        + " idle="
        + idle.size()
        + " waiting="
        + waiting.get()
        + " max="
        + maxSize
        + " closed="
        + closed;
  }

  int activeCount() {
    return active.get();
  }

  @Override
  public void close() {
    closed = true;
    Idle entry;
    while ((entry = idle.pollFirst()) != null) {
      discard(entry.connection());
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool lends connections of one user only");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public String toString() {
    return state();
  }
}
