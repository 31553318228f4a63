package io.mikrobill.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read locks of files in a folder that several instances share, as a Camel idempotent
 * repository over {@code file_locks}: a lock belongs to one instance ({@code owner}), which keeps
 * it alive with a heartbeat every quarter of the expiry. Another instance never takes a live lock;
 * it takes over a lock whose heartbeat is older than {@code expiry} (its instance died) or that is
 * older than {@code maxAge} (its instance hangs), so a dead instance's file is imported after all.
 * Only the owner releases its lock.
 */
public final class FileLocks extends ServiceSupport implements IdempotentRepository {

  private static final Logger LOG = LoggerFactory.getLogger(FileLocks.class);

  private final DataSource dataSource;
  private final String processor;
  private final String owner;
  private final Duration expiry;
  private final Duration maxAge;
  private final Clock clock;
  private ScheduledExecutorService heartbeat;

  public FileLocks(DataSource dataSource, String processor, Duration expiry, Duration maxAge, Clock clock) {
    this.dataSource = dataSource;
    this.processor = InvalidValueException.require("processor", processor, 64);
    if (expiry.isNegative() || expiry.isZero() || maxAge.compareTo(expiry) < 0) {
      throw new IllegalArgumentException("FILE_LOCK_EXPIRY must be positive and FILE_LOCK_MAX_AGE at least as long, were "
          + expiry.toMillis() + " and " + maxAge.toMillis() + " ms");
    }
    this.expiry = expiry;
    this.maxAge = maxAge;
    this.clock = clock;
    this.owner = UUID.randomUUID().toString();
  }

  /** This instance's name on its locks. */
  public String owner() {
    return owner;
  }

  /** Takes the lock: true when it was free, or held by an instance that stopped beating or held it too long. */
  @Override
  public boolean add(String key) {
    InvalidValueException.require("lock key", key, 512);
    return Jdbc.withConnection(dataSource, "take file lock " + key, c -> {
      try (PreparedStatement insert = c.prepareStatement("insert into file_locks(processor, lock_key, owner, acquired_at,"
          + " heartbeat_at) values (?, ?, ?, ?, ?)")) {
        insert.setString(1, processor);
        insert.setString(2, key);
        insert.setString(3, owner);
        insert.setObject(4, Jdbc.now(clock));
        insert.setObject(5, Jdbc.now(clock));
        return insert.executeUpdate() == 1;
      } catch (SQLException e) {
        if (!Jdbc.isUniqueViolation(e)) {
          throw e;
        }
      }
      try (PreparedStatement takeOver = c.prepareStatement("update file_locks set owner = ?, acquired_at = ?, heartbeat_at = ?"
          + " where processor = ? and lock_key = ? and owner <> ? and (heartbeat_at < ? or acquired_at < ?)")) {
        takeOver.setString(1, owner);
        takeOver.setObject(2, Jdbc.now(clock));
        takeOver.setObject(3, Jdbc.now(clock));
        takeOver.setString(4, processor);
        takeOver.setString(5, key);
        takeOver.setString(6, owner);
        takeOver.setObject(7, Jdbc.now(clock).minus(expiry));
        takeOver.setObject(8, Jdbc.now(clock).minus(maxAge));
        boolean taken = takeOver.executeUpdate() == 1;
        if (taken) {
          LOG.warn("file lock key={} taken over: its holder stopped its heartbeat {} ms ago or held it over {} ms", key,
              expiry.toMillis(), maxAge.toMillis());
        }
        return taken;
      }
    });
  }

  /** Whether a live lock (anyone's) is held on the key. */
  @Override
  public boolean contains(String key) {
    return Jdbc.withConnection(dataSource, "look up file lock " + key, c -> {
      try (PreparedStatement select = c.prepareStatement("select 1 from file_locks where processor = ? and lock_key = ?"
          + " and heartbeat_at >= ? and acquired_at >= ?")) {
        select.setString(1, processor);
        select.setString(2, key);
        select.setObject(3, Jdbc.now(clock).minus(expiry));
        select.setObject(4, Jdbc.now(clock).minus(maxAge));
        try (ResultSet rs = select.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Releases this instance's lock; another instance's lock is left alone. */
  @Override
  public boolean remove(String key) {
    return update("delete from file_locks where processor = ? and lock_key = ? and owner = ?", key) > 0;
  }

  @Override
  public boolean confirm(String key) {
    return true;
  }

  /** Releases every lock of this instance. */
  @Override
  public void clear() {
    update("delete from file_locks where processor = ? and owner = ?", null);
  }

  /** Renews the heartbeat of every lock this instance holds. */
  public int beat() {
    return Jdbc.withConnection(dataSource, "renew file locks", c -> {
      try (PreparedStatement u = c.prepareStatement("update file_locks set heartbeat_at = ? where processor = ? and owner = ?")) {
        u.setObject(1, Jdbc.now(clock));
        u.setString(2, processor);
        u.setString(3, owner);
        return u.executeUpdate();
      }
    });
  }

  private int update(String sql, String key) {
    return Jdbc.withConnection(dataSource, "release file lock", c -> {
      try (PreparedStatement u = c.prepareStatement(sql)) {
        u.setString(1, processor);
        if (key != null) {
          u.setString(2, key);
          u.setString(3, owner);
        } else {
          u.setString(2, owner);
        }
        return u.executeUpdate();
      }
    });
  }

  @Override
  protected void doStart() {
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "file-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, expiry.toMillis() / 4);
    heartbeat.scheduleWithFixedDelay(() -> {
      try {
        beat();
      } catch (RuntimeException e) {
        LOG.warn("file lock heartbeat failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      heartbeat = null;
    }
  }

  @Override
  public String toString() {
    return "FileLocks[processor=" + processor + ", owner=" + owner + "]";
  }
}
