package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  private static final Path DATA = Path.of("/var/lib/mikrobill");

  private static DatabaseSettings settings(Map<String, String> env) {
    return DatabaseSettings.from(env::get, DATA);
  }

  @Test
  void shouldConvertThePostgresUrlFormAndDecodeThePassword() {
    DatabaseSettings s =
        settings(Map.of("DATABASE_URL", "postgres://user:pa%40ss@h:5433/db"));

    assertThat(s.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/db");
    assertThat(s.username()).isEqualTo("user");
    assertThat(s.password()).isEqualTo("pa@ss");
    assertThat(s.poolSize()).isEqualTo(DatabaseSettings.DEFAULT_POOL_SIZE);
  }

  @Test
  void shouldNeverShowThePasswordInToString() {
    DatabaseSettings s =
        settings(Map.of("DATABASE_URL", "postgres://user:pa%40ss@h:5433/db?sslmode=require"));

    assertThat(s.toString())
        .doesNotContain("pa@ss")
        .doesNotContain("pa%40ss")
        .contains("password=****")
        .contains("jdbc:postgresql://h:5433/db?sslmode=require")
        .contains("username=user");
  }

  @Test
  void shouldHideAPasswordWrittenIntoAJdbcUrl() {
    DatabaseSettings s =
        settings(Map.of("DATABASE_URL", "jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true"));

    assertThat(s.jdbcUrl()).contains("password=hunter2");
    assertThat(s.toString()).doesNotContain("hunter2").contains("password=****&ssl=true");
  }

  @Test
  void shouldAcceptThePostgresqlSchemeAndDefaultPort() {
    DatabaseSettings s = settings(Map.of("DATABASE_URL", "postgresql://bill@db.internal/mikrobill"));

    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/mikrobill");
    assertThat(s.username()).isEqualTo("bill");
    assertThat(s.password()).isNull();
  }

  @Test
  void shouldLetExplicitCredentialsWinOverTheUrl() {
    DatabaseSettings s =
        settings(
            Map.of(
                "DATABASE_URL", "postgres://user:old@h/db",
                "DATABASE_USERNAME", "app",
                "DATABASE_PASSWORD", "new+pass",
                "DATABASE_POOL_SIZE", "25"));

    assertThat(s.username()).isEqualTo("app");
    assertThat(s.password()).isEqualTo("new+pass");
    assertThat(s.poolSize()).isEqualTo(25);
    assertThat(s.toString()).doesNotContain("new+pass").doesNotContain("old");
  }

  @Test
  void shouldKeepALiteralPlusInTheUrlPassword() {
    assertThat(settings(Map.of("DATABASE_URL", "postgres://u:a+b%3Ac@h/db")).password())
        .isEqualTo("a+b:c");
  }

  @Test
  void shouldUseAnEmbeddedH2FileInPostgresModeWithoutAUrl() {
    DatabaseSettings s = settings(Map.of());

    assertThat(s.kind()).isEqualTo(DatabaseKind.H2);
    assertThat(s.jdbcUrl())
        .isEqualTo(
            "jdbc:h2:file:"
                + DATA.resolve("mikrobill").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
  }

  @Test
  void shouldRefuseAPoolSizeThatIsNotAPositiveNumberNamingIt() {
    assertThatThrownBy(() -> settings(Map.of("DATABASE_POOL_SIZE", "ten")))
        .isInstanceOf(InvalidDatabaseSettingException.class)
        .hasMessageContaining("DATABASE_POOL_SIZE")
        .hasMessageContaining("'ten'");
    assertThatThrownBy(() -> settings(Map.of("DATABASE_POOL_SIZE", "0")))
        .isInstanceOf(InvalidDatabaseSettingException.class)
        .hasMessageContaining("was 0");
  }

  @Test
  void shouldRefuseAnotherDatabaseWithoutShowingItsPassword() {
    assertThatThrownBy(() -> settings(Map.of("DATABASE_URL", "mysql://root:t0p/secret@h/db")))
        .isInstanceOf(InvalidDatabaseSettingException.class)
        .hasMessageContaining("mysql://root:****@h/db")
        .hasMessageNotContaining("t0p");
  }

  @Test
  void shouldRefuseAUrlWithoutDatabaseName() {
    assertThatThrownBy(() -> settings(Map.of("DATABASE_URL", "postgres://u:p@h:5432")))
        .isInstanceOf(InvalidDatabaseSettingException.class)
        .hasMessageContaining("no database name")
        .hasMessageNotContaining("u:p@");
  }
}
