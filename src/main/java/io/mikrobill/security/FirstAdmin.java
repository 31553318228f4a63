package io.mikrobill.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start: when no principal exists, MikroBill creates {@code admin} (role admin) with
 * {@code ADMIN_PASSWORD}, or with a random password written alone to
 * {@code data/initial-admin-password} (mode 0600) whose path, never the password, is logged.
 */
public final class FirstAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
  public static final String FILE = "initial-admin-password";

  private FirstAdmin() {}

  /** Creates the first admin if there is no principal at all; returns true when it did. */
  public static boolean ensure(PrincipalDirectory principals, Path data, String adminPassword) {
    if (!principals.isEmpty()) {
      return false;
    }
    boolean given = adminPassword != null && !adminPassword.isBlank();
    String password = given ? adminPassword : Passwords.random(24);
    if (!given) {
      write(data.resolve(FILE), password);
    }
    principals.createPerson("admin", Role.ADMIN, password);
    if (given) {
      LOG.warn("security first start: created principal 'admin' (role admin) with the password of ADMIN_PASSWORD");
    } else {
      LOG.warn("security first start: created principal 'admin' (role admin); its password is in {} (readable by this"
          + " user only). Log in with POST /auth/login, then change it: POST /admin/users/admin/rotate", data.resolve(FILE));
    }
    return true;
  }

  private static void write(Path file, String password) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException raced) {
        throw new IllegalStateException(file + " appeared while it was being written; is another MikroBill starting?");
      }
      Files.writeString(file, password + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
