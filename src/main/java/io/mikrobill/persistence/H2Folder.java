package io.mikrobill.persistence;

import io.mikrobill.security.DataFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database's folder: held by one process at a time, opened with a password, its
 * files private.
 *
 * <p>One process: without AUTO_SERVER a second process would get H2's "Database may be already in
 * use" with a stack trace. MikroBill takes an exclusive lock on {@value #LOCK_FILE} first (holding
 * the holder's pid, for the refusal) and refuses with one line saying what to do. Inside one JVM
 * the folder may be opened more than once (H2 shares one engine per file there), so tests and
 * tools can look at the database of an application they run; the lock is released with the last.
 *
 * <p>The password: {@code DATABASE_PASSWORD}, or one generated into {@value
 * DatabaseSettings#H2_PASSWORD_FILE} (mode 0600). A database made by an earlier version has no
 * password (or the generated one when {@code DATABASE_PASSWORD} is set later): when the password
 * is refused, the earlier ones are tried, and the one that opens it is replaced with {@code SET
 * PASSWORD}, so upgrading or setting the variable needs no manual step. H2 delays each refused
 * password (250 ms, doubling), which only such a start pays.
 */
final class H2Folder {

  static final String LOCK_FILE = "database.lock";

  /** H2's lock file of the AUTO_SERVER days: it held the TCP port's address and key. */
  private static final String SERVER_LOCK_FILE = DatabaseSettings.H2_FILE_NAME + ".lock.db";

  /** H2: "Wrong user name or password". */
  private static final int WRONG_PASSWORD = 28000;

  /** H2: "Database may be already in use". */
  private static final int ALREADY_OPEN = 90020;

  private static final Logger LOG = LoggerFactory.getLogger(H2Folder.class);
  private static final Map<Path, H2Folder> HELD = new HashMap<>();

  private final Path folder;
  private final FileChannel channel;
  private final FileLock lock;
  private int users = 1;

  private H2Folder(Path folder, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Holds {@code folder} for this process (created 0700 if missing).
   *
   * @throws DatabaseInUseException if another process holds it
   */
  static H2Folder hold(Path folder) {
    DataFolder.create(folder);
    Path key;
    try {
      key = folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the data folder " + folder + ": " + e.getMessage(), e);
    }
    synchronized (HELD) {
      H2Folder held = HELD.get(key);
      if (held != null) {
        held.users++;
        return held;
      }
      Path file = key.resolve(LOCK_FILE);
      FileChannel channel = null;
      try {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel = DataFolder.posix(key) ? FileChannel.open(file, options, DataFolder.ownerOnly()) : FileChannel.open(file, options);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          channel.close();
          throw inUse(key, holder(file), null);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + " since=" + Instant.now() + "\n")
            .getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        H2Folder h = new H2Folder(key, channel, lock);
        HELD.put(key, h);
        return h;
      } catch (IOException e) {
        closeQuietly(channel);
        throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Lets go of the folder; the lock is released when the last user in this process lets go. */
  void release() {
    synchronized (HELD) {
      if (--users > 0) {
        return;
      }
      HELD.remove(folder);
      try {
        lock.release();
      } catch (IOException e) {
        LOG.warn("file={} lock not released: {}", folder.resolve(LOCK_FILE), e.toString());
      }
      closeQuietly(channel);
    }
    tidy();
  }

  /**
   * The settings with the password the database now has: {@code DATABASE_PASSWORD} or the
   * generated one. A database that still has an earlier password (none, or the generated one
   * before {@code DATABASE_PASSWORD} was set) is given it.
   */
  DatabaseSettings settle(DatabaseSettings settings) {
    Path passwordFile = folder.resolve(DatabaseSettings.H2_PASSWORD_FILE);
    boolean explicit = settings.password() != null;
    String password = explicit ? settings.password() : DataFolder.readOrCreateSecret(passwordFile, H2Folder::generate);
    List<String> earlier = new ArrayList<>();
    if (explicit && Files.exists(passwordFile)) {
      earlier.add(DataFolder.readOrCreateSecret(passwordFile, H2Folder::generate));
    }
    earlier.add("");
    try {
      if (opens(settings, password)) {
        return settings.withPassword(password);
      }
      for (String old : earlier) {
        if (old.equals(password) || !opens(settings, old)) {
          continue;
        }
        try (Connection c = connect(settings, old);
            PreparedStatement set = c.prepareStatement("set password ?")) {
          set.setString(1, password);
          set.execute();
        }
        LOG.info("database={} password {}", folder, old.isEmpty()
            ? "set: it had none (made by an earlier version); it is now the one in " + (explicit ? "DATABASE_PASSWORD" : passwordFile)
            : "changed to DATABASE_PASSWORD (it had the generated one of " + passwordFile + ")");
        return settings.withPassword(password);
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == ALREADY_OPEN) {
        throw inUse(folder, null, e);
      }
      throw new DatabaseAccessException("cannot open the database in " + folder + ": " + e.getMessage(), e);
    }
    throw new DatabaseAccessException("the database in " + folder + " refuses the password "
        + (explicit ? "of " + DatabaseSettings.PASSWORD : "in " + passwordFile)
        + "; set " + DatabaseSettings.PASSWORD + " to the password it was given", null);
  }

  /** Narrows H2's files to 0600 (H2 makes them with the umask) and removes the AUTO_SERVER lock file. */
  void tidy() {
    DataFolder.restrictAll(folder, DatabaseSettings.H2_FILE_NAME + ".");
    Path serverLock = folder.resolve(SERVER_LOCK_FILE);
    try {
      if (Files.deleteIfExists(serverLock)) {
        LOG.info("file={} removed: it held the key of the database's TCP port, which an earlier version opened", serverLock);
      }
    } catch (IOException e) {
      LOG.warn("file={} not removed: {}", serverLock, e.toString());
    }
  }

  private static boolean opens(DatabaseSettings settings, String password) throws SQLException {
    try (Connection c = connect(settings, password)) {
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == WRONG_PASSWORD) {
        return false;
      }
      throw e;
    }
  }

  private static Connection connect(DatabaseSettings settings, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", settings.username());
    p.setProperty("password", password);
    return new org.h2.Driver().connect(settings.jdbcUrl(), p);
  }

  private static String generate() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static DatabaseInUseException inUse(Path folder, String holder, Throwable cause) {
    return new DatabaseInUseException("the database in " + folder + " is in use by another MikroBill process ("
        + (holder == null ? "" : holder + ", ") + "lock file " + folder.resolve(LOCK_FILE)
        + "); stop it or set DATA_DIR to another folder", cause);
  }

  /** What the holder wrote ({@code pid=N since=T}); null when it cannot be read (Windows locks the bytes). */
  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? null : text;
    } catch (IOException e) {
      return null;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held
      }
    }
  }
}
