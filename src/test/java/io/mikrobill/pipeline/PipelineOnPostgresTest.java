package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled pipeline on a real PostgreSQL (DATABASE_URL), not the embedded H2: migrations,
 * idempotency keys, CSV row outcomes and the voucher ledger all live there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PipelineOnPostgresTest {

  private EmbeddedPostgres postgres;
  private RunningPipeline app;
  private Path home;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    home = dir;
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create database mikrobill");
    }
    String url = "postgres://postgres:secret@localhost:" + postgres.getPort() + "/mikrobill";
    app = new RunningPipeline(home, Map.of("DATABASE_URL", url));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void shouldKeepOutcomesAndTheLedgerInPostgres() throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/hotspot/users", "{\"username\":\"pg-user\",\"password\":\"secret123\"}",
        Map.of("Idempotency-Key", "pg-1"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(app.send("POST", "/api/hotspot/users", "{\"username\":\"pg-user\",\"password\":\"secret123\"}",
        Map.of("Idempotency-Key", "pg-1")).body()).isEqualTo(r.body());

    Path inbox = home.resolve("data/inbox/vouchers");
    Files.createDirectories(inbox);
    Files.writeString(inbox.resolve("pg.tmp"), "username,password,profile,limit_uptime,limit_bytes_total,price,comment\npg-v1,secret123,default,1h,,4.00,x\n");
    Files.move(inbox.resolve("pg.tmp"), inbox.resolve("pg.csv"));
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(home.resolve("data/outbox/vouchers/pg.result.csv")));
    assertThat(Files.readAllLines(home.resolve("data/outbox/vouchers/pg.result.csv")).get(1)).startsWith("1,pg-v1,ok,*");

    try (Connection c = postgres.getDatabase("postgres", "mikrobill").getConnection(); Statement s = c.createStatement()) {
      assertThat(count(s, "select count(*) from flyway_schema_history where version is not null and success")).isEqualTo(4);
      assertThat(count(s, "select count(*) from request_outcomes where source = 'http' and status = 'APPLIED'")).isEqualTo(1);
      assertThat(count(s, "select count(*) from request_outcomes where source = 'csv' and status = 'APPLIED'")).isEqualTo(1);
      assertThat(count(s, "select count(*) from vouchers where state = 'CREATED'")).isEqualTo(1);
      // the code is kept sealed: nothing in the row shows it
      assertThat(count(s, "select count(*) from vouchers where code_secret like 'enc1:%' and code_secret not like '%pg-v1%'"
          + " and code_digest not like '%pg-v1%'")).isEqualTo(1);
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
