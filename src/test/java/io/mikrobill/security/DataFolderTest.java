package io.mikrobill.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {

  @TempDir
  Path root;

  @BeforeEach
  void onPosixOnly() {
    assumeTrue(DataFolder.posix(root), "the file system keeps POSIX permissions");
  }

  @Test
  void shouldCreateTheFolderOwnerOnlyAndNarrowAnEarlierOne() throws Exception {
    Path fresh = DataFolder.create(root.resolve("a/data"));
    Path earlier = Files.createDirectories(root.resolve("earlier"));
    Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rwxr-xr-x"));

    DataFolder.create(earlier);

    assertThat(mode(fresh)).isEqualTo("rwx------");
    assertThat(mode(earlier)).isEqualTo("rwx------");
  }

  @Test
  void shouldCreatePrivateFilesAndNarrowTheFilesOfALibrary() throws Exception {
    Path mine = DataFolder.createPrivateFile(root.resolve("mine"));
    Path theirs = Files.writeString(root.resolve("mikrobill.mv.db"), "x");
    Path other = Files.writeString(root.resolve("other.txt"), "x");
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));

    DataFolder.restrictAll(root, "mikrobill.");

    assertThat(mode(mine)).isEqualTo("rw-------");
    assertThat(mode(theirs)).isEqualTo("rw-------");
    assertThat(mode(other)).as("only the files named").isEqualTo("rw-r--r--");
  }

  @Test
  void shouldMakeFilesPrivateInTheDataFolderOnly() throws Exception {
    Path data = DataFolder.create(root.resolve("data"));
    Path shared = Files.createDirectories(root.resolve("exchange/outbox"));

    Path inside = DataFolder.createFile(data.resolve("x.result.csv"), data);
    Path outside = DataFolder.createFile(shared.resolve("x.result.csv"), data);

    assertThat(mode(inside)).isEqualTo("rw-------");
    assertThat(mode(outside)).as("the umask's").isEqualTo(mode(Files.createFile(shared.resolve("plain"))));
  }

  @Test
  void shouldNarrowASecretFileOthersCouldRead() throws Exception {
    Path file = Files.writeString(root.resolve("secret"), "s3cret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(DataFolder.readOrCreateSecret(file, () -> "other")).isEqualTo("s3cret");
    assertThat(mode(file)).isEqualTo("rw-------");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
