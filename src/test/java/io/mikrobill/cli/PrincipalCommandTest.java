package io.mikrobill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.persistence.Database;
import io.mikrobill.persistence.DatabaseSettings;
import io.mikrobill.persistence.Principals;
import io.mikrobill.security.FirstAdmin;
import io.mikrobill.security.Passwords;
import io.mikrobill.security.PrincipalDirectory;
import io.mikrobill.security.Role;
import io.mikrobill.security.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users and keys commands on a stopped application's database, and the first start's admin. */
class PrincipalCommandTest {

  @TempDir Path home;

  record Run(int status, String out, String err) {}

  private Run run(String kind, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = PrincipalCommand.run(kind, args, Map.of("MIKROBILL_HOME", home.toString()),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private <T> T withDirectory(java.util.function.Function<PrincipalDirectory, T> f) {
    try (Database db = Database.open(DatabaseSettings.from(name -> null, home.resolve("data")))) {
      db.migrate();
      return f.apply(new PrincipalDirectory(new Principals(db.dataSource(), Clock.systemUTC()), new Passwords(), Clock.systemUTC()));
    }
  }

  @Test
  void shouldPrintANewKeyOnceAndStoreOnlyItsHash() throws Exception {
    Run created = run("key", "", "create", "--name", "shop", "--role", "billing", "--routers", "main,branch");
    assertThat(created.status()).as(created.err()).isZero();
    String key = created.out().strip();
    assertThat(key).startsWith("mbk_").hasSize(47);
    assertThat(created.err()).contains("shown once");

    Run listed = run("key", "", "list");
    assertThat(listed.out()).contains("\"name\":\"shop\"").contains("\"role\":\"billing\"").contains("[\"main\",\"branch\"]")
        .doesNotContain(key);
    java.util.Optional<io.mikrobill.security.Principal> shop = withDirectory(d -> d.checkKey(key));
    assertThat(shop.orElseThrow().routers()).containsExactlyInAnyOrder("main", "branch");
    // The database files hold the hash, never the key.
    byte[] needle = key.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(home.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(indexOf(Files.readAllBytes(f), needle)).as(f.toString()).isNegative();
      }
    }
    assertThat(withDirectory(d -> d.list(PrincipalDirectory.KEY)).toString()).doesNotContain(Tokens.hash(key));

    Run rotated = run("key", "", "rotate", "--name", "shop");
    String newKey = rotated.out().strip();
    assertThat(newKey).startsWith("mbk_").isNotEqualTo(key);
    assertThat(keyOf(key)).isEmpty();
    assertThat(keyOf(newKey)).isPresent();

    assertThat(run("key", "", "disable", "--name", "shop").status()).isZero();
    assertThat(keyOf(newKey)).isEmpty();
    assertThat(run("key", "", "enable", "--name", "shop").status()).isZero();
    assertThat(keyOf(newKey)).isPresent();
  }

  @Test
  void shouldCreateAPersonWithThePasswordFromStandardInput() {
    Run created = run("person", "operator pass 1\n", "create", "--name", "olga", "--role", "operator");
    assertThat(created.status()).as(created.err()).isZero();
    assertThat(created.out()).doesNotContain("operator pass 1");
    java.util.Optional<io.mikrobill.security.Principal> olga = withDirectory(d -> d.checkPassword("olga", "operator pass 1"));
    assertThat(olga.orElseThrow().role()).isEqualTo(Role.OPERATOR);
    assertThat(run("person", "", "list").out()).contains("\"name\":\"olga\"").doesNotContain("argon2");

    assertThat(run("person", "new password 22\n", "rotate", "--name", "olga").status()).isZero();
    assertThat(personOf("olga", "operator pass 1")).isEmpty();
    assertThat(personOf("olga", "new password 22")).isPresent();
  }

  @Test
  void shouldRefuseBadInputWithAReason() {
    assertThat(run("person", "short\n", "create", "--name", "x", "--role", "admin").err()).contains("12 to 256");
    assertThat(run("person", "long enough pw\n", "create", "--name", "x", "--role", "root").err()).contains("unknown role");
    assertThat(run("key", "", "create", "--name", "a b", "--role", "admin").err()).contains("name must be");
    assertThat(run("key", "", "create", "--name", "dup", "--role", "admin").status()).isZero();
    Run dup = run("key", "", "create", "--name", "dup", "--role", "admin");
    assertThat(dup.status()).isEqualTo(1);
    assertThat(dup.err()).contains("exists already");
    assertThat(run("key", "", "rotate", "--name", "nobody").err()).contains("no key named 'nobody'");
    assertThat(run("key", "", "create", "--name").status()).isEqualTo(64);
    assertThat(run("key", "").status()).isEqualTo(64);
  }

  @Test
  void shouldCreateTheFirstAdminOnceWithAPasswordFileOrAdminPassword() throws Exception {
    Path data = home.resolve("data");
    assertThat(firstAdmin(data, null)).isTrue();
    Path file = data.resolve(FirstAdmin.FILE);
    assertThat(Files.getPosixFilePermissions(file)).hasSize(2).allMatch(p -> p.name().startsWith("OWNER_"));
    String password = Files.readString(file).strip();
    assertThat(password).hasSize(24);
    assertThat(personOf("admin", password)).isPresent();
    assertThat(firstAdmin(data, "ignored once there is a principal")).isFalse();

    Path other = home.resolve("other");
    try (Database db = Database.open(DatabaseSettings.from(name -> null, other))) {
      db.migrate();
      PrincipalDirectory d = new PrincipalDirectory(new Principals(db.dataSource(), Clock.systemUTC()), new Passwords(), Clock.systemUTC());
      assertThat(FirstAdmin.ensure(d, other, "from the environment")).isTrue();
      assertThat(d.checkPassword("admin", "from the environment")).isPresent();
      assertThat(other.resolve(FirstAdmin.FILE)).doesNotExist();
    }
  }

  private java.util.Optional<io.mikrobill.security.Principal> keyOf(String key) {
    return withDirectory(d -> d.checkKey(key));
  }

  private java.util.Optional<io.mikrobill.security.Principal> personOf(String name, String password) {
    return withDirectory(d -> d.checkPassword(name, password));
  }

  private boolean firstAdmin(Path data, String password) {
    return withDirectory(d -> FirstAdmin.ensure(d, data, password));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

}
