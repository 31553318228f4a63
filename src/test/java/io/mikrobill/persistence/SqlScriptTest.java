package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void shouldSplitOnSemicolonsOutsideQuotesAndComments() {
    String script =
        "-- header; not a statement\n"
            + "create table a (x varchar(3) default ';');\n"
            + "/* block; comment */ insert into a values ('it''s;');\n"
            + "insert into \"odd;name\" values (1)";

    assertThat(SqlScript.statements(script))
        .containsExactly(
            "create table a (x varchar(3) default ';')",
            "insert into a values ('it''s;')",
            "insert into \"odd;name\" values (1)");
  }

  @Test
  void shouldRefuseAnUnterminatedString() {
    assertThatThrownBy(() -> SqlScript.statements("insert into a values ('oops);"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("unterminated");
  }

  @Test
  void shouldIgnoreLineEndingsInTheChecksum() {
    assertThat(Migration.checksum("a;\r\nb;\r\n")).isEqualTo(Migration.checksum("a;\nb;\n"));
  }
}
