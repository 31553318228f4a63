package io.mikrobill.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder and the files MikroBill makes in it are its own: the folder 0700, its files
 * 0600, so no other local account reads the database, the keys or the CSV files. Files are
 * created with their mode (never created open and narrowed later), and files made by a library
 * (H2) are narrowed after the fact. On a file system without POSIX permissions (Windows, some
 * network shares) nothing is changed and nothing is said: the folder's ACLs apply.
 */
public final class DataFolder {

  private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private DataFolder() {}

  /**
   * Creates {@code dir} (and missing parents) as 0700, and narrows an existing one to 0700: a data
   * folder from an earlier version, made with the default umask, is fixed at the next start.
   */
  public static Path create(Path dir) {
    try {
      if (!Files.isDirectory(dir) && posix(dir.toAbsolutePath().getParent())) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
      } else {
        Files.createDirectories(dir);
      }
      narrow(dir, FOLDER);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Narrows a file to 0600 (a folder to 0700); a missing file or a non-POSIX file system is left alone. */
  public static void restrict(Path path) {
    try {
      narrow(path, Files.isDirectory(path) ? FOLDER : FILE);
    } catch (IOException e) {
      LOG.warn("path={} could not be made private: {}", path, e.toString());
    }
  }

  /** Narrows every file in {@code dir} whose name starts with {@code prefix} to 0600. */
  public static void restrictAll(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          restrict(f);
        }
      }
    } catch (IOException e) {
      LOG.warn("folder={} files {}* could not be listed to make them private: {}", dir, prefix, e.toString());
    }
  }

  /**
   * Creates a new, empty file: with mode 0600 when it lies in {@code dataDir}, with the umask's
   * elsewhere (a folder outside the data folder, such as an inbox shared with another account, is
   * the operator's to set up). Fails if the file exists.
   */
  public static Path createFile(Path file, Path dataDir) throws IOException {
    if (dataDir != null && file.toAbsolutePath().normalize().startsWith(dataDir.toAbsolutePath().normalize())) {
      return createPrivateFile(file);
    }
    return Files.createFile(file);
  }

  /** Creates a new, empty file with mode 0600 from the start; fails if it exists. */
  public static Path createPrivateFile(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (posix(parent)) {
      return Files.createFile(file, ownerOnly());
    }
    return Files.createFile(file);
  }

  /**
   * The text of a secret file, creating it once with {@code generator}'s value (mode 0600) when it
   * does not exist. Instances starting together on one folder agree on one value: the file appears
   * whole (written aside, then linked into place, which fails if another instance was first) and
   * the loser reads the winner's. An existing file readable by others is narrowed, with a warning.
   */
  public static String readOrCreateSecret(Path file, Supplier<String> generator) {
    try {
      if (!Files.exists(file)) {
        create(file.toAbsolutePath().getParent());
        Path aside = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
          createPrivateFile(aside);
          Files.writeString(aside, generator.get() + "\n", StandardCharsets.UTF_8);
          try {
            Files.createLink(file, aside);
            LOG.info("file={} created (mode 0600)", file);
          } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
            // keep theirs
          } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (!Files.exists(file)) {
              Files.move(aside, file);
              LOG.info("file={} created (mode 0600)", file);
            }
          }
        } finally {
          Files.deleteIfExists(aside);
        }
      }
      if (posix(file) && !FILE.containsAll(Files.getPosixFilePermissions(file))) {
        LOG.warn("file={} was readable by others ({}); narrowed to 0600", file,
            PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        narrow(file, FILE);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }

  /** 0600 as a creation attribute. */
  public static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /** True when the file system holding {@code path} keeps POSIX permissions. */
  public static boolean posix(Path path) {
    try {
      Path p = path;
      while (p != null && !Files.exists(p)) {
        p = p.getParent();
      }
      return p != null && Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class);
    } catch (IOException e) {
      return false;
    }
  }

  private static void narrow(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (Files.exists(path) && posix(path) && !Files.getPosixFilePermissions(path).equals(mode)) {
      Files.setPosixFilePermissions(path, mode);
    }
  }
}
