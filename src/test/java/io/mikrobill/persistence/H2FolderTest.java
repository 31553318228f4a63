package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mikrobill.security.DataFolder;
import io.mikrobill.security.SecretBox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database listens on no port, has a password (also one made by an earlier version
 * without), keeps its files private, and is refused to a second process with one clear line.
 */
@Timeout(120)
class H2FolderTest {

  @TempDir
  Path data;

  private DatabaseSettings settings(Map<String, String> env) {
    return DatabaseSettings.from(env::get, data);
  }

  @Test
  void shouldServeNoPortAndRemoveTheServerKeyOfAnEarlierVersion() throws Exception {
    Files.writeString(data.resolve("mikrobill.lock.db"), "#FileLock\nserver=127.0.0.1:9092\nid=secret-server-key\n");

    try (Database db = Database.open(settings(Map.of()))) {
      db.migrate();
      assertThat(db.settings().jdbcUrl()).doesNotContain("AUTO_SERVER").doesNotContain("tcp:");
      assertThat(query(db, "select setting_value from information_schema.settings where setting_name = 'AUTO_SERVER'"))
          .isIn(null, "FALSE", "false");
    }
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".lock.db"));
    }
  }

  @Test
  void shouldKeepTheFolderAndEveryFileItMakesPrivate() throws Exception {
    Path folder = data.resolve("fresh");
    try (Database db = Database.open(DatabaseSettings.from(Map.<String, String>of()::get, folder))) {
      db.migrate();
    }
    if (!DataFolder.posix(folder)) {
      return;
    }
    assertThat(mode(folder)).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.toList()).extracting(p -> p.getFileName() + " " + mode(p))
          .contains("database.password rw-------", "secret.key rw-------", "mikrobill.mv.db rw-------", "database.lock rw-------")
          .allSatisfy(line -> assertThat(line).endsWith(" rw-------"));
    }
  }

  @Test
  void shouldGiveAPasswordToADatabaseAnEarlierVersionMadeWithout() throws Exception {
    try (Connection c = connect("")) {
      try (Statement s = c.createStatement()) {
        s.execute("create table kept(id int)");
        s.execute("insert into kept values (42)");
      }
    }

    try (Database db = Database.open(settings(Map.of()))) {
      assertThat(query(db, "select id from kept")).isEqualTo("42");
    }

    String generated = Files.readString(data.resolve(DatabaseSettings.H2_PASSWORD_FILE)).strip();
    assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
    assertThatThrownBy(() -> connect("").close()).isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    connect(generated).close();
  }

  @Test
  void shouldTakeDatabasePasswordWhenItIsSetLater() throws Exception {
    try (Database db = Database.open(settings(Map.of()))) {
      db.migrate();
    }
    String generated = Files.readString(data.resolve(DatabaseSettings.H2_PASSWORD_FILE)).strip();

    try (Database db = Database.open(settings(Map.of(DatabaseSettings.PASSWORD, "chosen-by-the-admin")))) {
      db.migrate();
    }

    connect("chosen-by-the-admin").close();
    assertThatThrownBy(() -> connect(generated).close()).isInstanceOf(SQLException.class);
  }

  @Test
  void shouldSayWhichPasswordIsRefusedWhenNoneOpensIt() throws Exception {
    try (Database db = Database.open(settings(Map.of(DatabaseSettings.PASSWORD, "first")))) {
      db.migrate();
    }

    assertThatThrownBy(() -> Database.open(settings(Map.of(DatabaseSettings.PASSWORD, "second"))))
        .isInstanceOf(DatabaseAccessException.class)
        .hasMessageContaining("refuses the password of DATABASE_PASSWORD")
        .hasMessageNotContaining("first")
        .hasMessageNotContaining("second");
    try (Database db = Database.open(settings(Map.of(DatabaseSettings.PASSWORD, "first")))) {
      assertThat(query(db, "select 1")).isEqualTo("1");
    }
  }

  @Test
  void shouldRefuseASecondProcessWithOneLineNamingItsPid() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2CommitThenWait.class.getName(),
        data.toString()).redirectErrorStream(true).start();
    try {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.equals("COMMITTED")) {
          // the child's log
        }
        assertThat(line).as("the other process opened the database").isEqualTo("COMMITTED");
      }

      assertThatThrownBy(() -> Database.open(settings(Map.of())))
          .isInstanceOf(DatabaseInUseException.class)
          .hasMessage("the database in " + data.toRealPath() + " is in use by another MikroBill process (pid=" + holder.pid()
              + " since=%s, lock file %s); stop it or set DATA_DIR to another folder",
              holderSince(), data.toRealPath().resolve(H2Folder.LOCK_FILE))
          .hasNoCause();
    } finally {
      holder.destroyForcibly();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    try (Database db = Database.open(settings(Map.of()))) {
      assertThat(new RequestOutcomes(db.dataSource(), db.secrets()).find("csv", "durable-1")).isPresent();
    }
  }

  @Test
  void shouldLetOneProcessOpenItTwiceAndReleaseItWithTheLast() throws Exception {
    Database first = Database.open(settings(Map.of()));
    first.migrate();
    Database second = Database.open(settings(Map.of()));

    first.close();
    assertThat(query(second, "select count(*) from vouchers")).isEqualTo("0");
    assertThatThrownBy(this::tryLock).as("still held").isInstanceOf(OverlappingFileLockException.class);
    second.close();
    assertThat(tryLock()).as("released with the last").isTrue();
  }

  @Test
  void shouldRefuseABadSecretKeyNamingTheVariable() {
    assertThatThrownBy(() -> settings(Map.of(SecretBox.ENV, "c2hvcnQ=")))
        .isInstanceOf(InvalidDatabaseSettingException.class)
        .hasMessageContaining("MIKROBILL_SECRET_KEY must be base64 of 32 bytes, was 5 bytes");
  }

  private String holderSince() throws Exception {
    String text = Files.readString(data.resolve(H2Folder.LOCK_FILE)).strip();
    return text.substring(text.indexOf("since=") + "since=".length());
  }

  private boolean tryLock() throws Exception {
    try (FileChannel c = FileChannel.open(data.resolve(H2Folder.LOCK_FILE), StandardOpenOption.WRITE);
        FileLock lock = c.tryLock()) {
      return lock != null;
    }
  }

  private Connection connect(String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", DatabaseSettings.H2_USERNAME);
    p.setProperty("password", password);
    return new org.h2.Driver().connect(settings(Map.of()).jdbcUrl(), p);
  }

  private static String query(Database db, String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
