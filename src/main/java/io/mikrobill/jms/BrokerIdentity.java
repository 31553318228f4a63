package io.mikrobill.jms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MikroBill's own login on the embedded broker: {@code BROKER_USERNAME} (default
 * {@value BrokerSettings#DEFAULT_USERNAME}) with {@code BROKER_PASSWORD}, or, when no password is
 * set, a random one kept in {@code BROKER_PASSWORD_FILE} (mode 0600): created on the first start,
 * read again on every later one, so a restart keeps its login and nobody has to choose a password.
 *
 * <p>The file is written under a temporary name and then hard-linked into place, so two instances
 * sharing a data folder never read a half-written file or overwrite each other's password.
 */
public final class BrokerIdentity {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerIdentity.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final int PASSWORD_BYTES = 32;

  private final String username;
  private final String password;

  private BrokerIdentity(String username, String password) {
    this.username = username;
    this.password = password;
  }

  /** The identity of {@code settings}: reads, or creates, the password file if no password is set. */
  public static BrokerIdentity of(BrokerSettings settings) {
    String user = settings.username().orElse(BrokerSettings.DEFAULT_USERNAME);
    return new BrokerIdentity(user, settings.password().orElseGet(() -> readOrCreate(settings.passwordFile())));
  }

  public String username() {
    return username;
  }

  /** Never logged. */
  public String password() {
    return password;
  }

  /** Constant-time check of a login against this identity. */
  boolean matches(String login, String secret) {
    return username.equals(login) && secret != null
        && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BrokerIdentity[username=" + username + "]";
  }

  static String readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      restrict(file);
      String password = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (password.isEmpty()) {
        throw new BrokerSettingsException(BrokerSettings.ENV_PASSWORD_FILE + "=" + file.toAbsolutePath()
            + " refused: the file is empty; delete it to have a new password generated, or set " + BrokerSettings.ENV_PASSWORD);
      }
      return password;
    } catch (IOException e) {
      throw new BrokerSettingsException(BrokerSettings.ENV_PASSWORD_FILE + "=" + file.toAbsolutePath()
          + " cannot be read or created: " + e, e);
    }
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] random = new byte[PASSWORD_BYTES];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path tmp = posix(dir) ? Files.createTempFile(dir, ".broker-password", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, ".broker-password", ".tmp");
    try {
      Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
      Files.createLink(file, tmp);
      LOG.info("broker=embedded generated a password for MikroBill's own login file={}", file.toAbsolutePath());
    } catch (FileAlreadyExistsException another) {
      // another instance sharing this folder was first: its password is the one
    } catch (UnsupportedOperationException noLinks) {
      try {
        Files.move(tmp, file);
      } catch (FileAlreadyExistsException another) {
        // as above
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A password file anyone else can read is tightened to 0600, with a warning. */
  private static void restrict(Path file) throws IOException {
    if (posix(file.toAbsolutePath().getParent()) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      LOG.warn("broker=embedded password file={} was readable by others; set to 0600", file.toAbsolutePath());
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
