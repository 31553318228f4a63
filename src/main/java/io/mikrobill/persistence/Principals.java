package io.mikrobill.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The principals table and the sessions of people who logged in. Secrets never enter it in
 * clear: a person's password as its Argon2id hash, an API key and a session token as their
 * SHA-256 (both are long random strings, so a fast hash is enough and lets them be found by it).
 */
public final class Principals {

  /** One row: {@code kind} is {@code person} or {@code key}; {@code routers} comma-separated or null for all. */
  public record Row(String name, String kind, String role, String routers, String secretHash, boolean disabled,
      Instant createdAt, Instant lastUsedAt) {}

  /** One session: ended when {@code endedAt} is set. */
  public record Session(String tokenHash, String principal, Instant createdAt, Instant lastUsedAt, Instant endedAt) {}

  private final DataSource dataSource;
  private final Clock clock;

  public Principals(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Adds a principal; false when the name is taken. */
  public boolean create(String name, String kind, String role, String routers, String secretHash) {
    return Jdbc.withConnection(dataSource, "create principal", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "insert into principals(name, kind, role, routers, secret_hash, disabled, created_at) values (?, ?, ?, ?, ?, false, ?)")) {
        s.setString(1, name);
        s.setString(2, kind);
        s.setString(3, role);
        s.setString(4, routers);
        s.setString(5, secretHash);
        s.setObject(6, Jdbc.now(clock));
        return s.executeUpdate() == 1;
      } catch (SQLException e) {
        if (Jdbc.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  public Optional<Row> find(String name) {
    return one("find principal", "select * from principals where name = ?", name);
  }

  public Optional<Row> findBySecretHash(String hash) {
    return one("find principal by key", "select * from principals where secret_hash = ?", hash);
  }

  public List<Row> list(String kind) {
    return Jdbc.withConnection(dataSource, "list principals", c -> {
      try (PreparedStatement s = c.prepareStatement("select * from principals where kind = ? order by name")) {
        s.setString(1, kind);
        try (ResultSet rs = s.executeQuery()) {
          List<Row> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(row(rs));
          }
          return rows;
        }
      }
    });
  }

  public long count() {
    return Jdbc.withConnection(dataSource, "count principals", c -> {
      try (PreparedStatement s = c.prepareStatement("select count(*) from principals"); ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Sets or clears {@code disabled}; false when there is no such principal. A disabled principal's sessions end. */
  public boolean setDisabled(String name, boolean disabled) {
    return update("disable principal", "update principals set disabled = ? where name = ?", disabled, name, disabled);
  }

  /** Replaces the secret (a new password or key); the principal's sessions end. False when there is no such principal. */
  public boolean replaceSecret(String name, String secretHash) {
    return update("rotate principal", "update principals set secret_hash = ? where name = ?", secretHash, name, true);
  }

  /** Sets one column of the principal {@code name} and, when {@code endSessions}, ends its sessions, in one transaction. */
  private boolean update(String what, String sql, Object value, String name, boolean endSessions) {
    return Jdbc.inTransaction(dataSource, what, c -> {
      int n;
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, value);
        s.setString(2, name);
        n = s.executeUpdate();
      }
      if (endSessions) {
        endSessions(c, name);
      }
      return n == 1;
    });
  }

  public void touch(String name, Instant at) {
    Jdbc.withConnection(dataSource, "touch principal", c -> {
      try (PreparedStatement s = c.prepareStatement("update principals set last_used_at = ? where name = ?")) {
        s.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        s.setString(2, name);
        return s.executeUpdate();
      }
    });
  }

  public void createSession(String tokenHash, String principal, Instant at) {
    Jdbc.withConnection(dataSource, "create session", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "insert into auth_sessions(token_hash, principal, created_at, last_used_at) values (?, ?, ?, ?)")) {
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        s.setString(1, tokenHash);
        s.setString(2, principal);
        s.setObject(3, t);
        s.setObject(4, t);
        return s.executeUpdate();
      }
    });
  }

  public Optional<Session> findSession(String tokenHash) {
    return Jdbc.withConnection(dataSource, "find session", c -> {
      try (PreparedStatement s = c.prepareStatement("select * from auth_sessions where token_hash = ?")) {
        s.setString(1, tokenHash);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new Session(rs.getString("token_hash"), rs.getString("principal"),
              Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_used_at"), Jdbc.instant(rs, "ended_at")));
        }
      }
    });
  }

  public void touchSession(String tokenHash, Instant at) {
    Jdbc.withConnection(dataSource, "touch session", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "update auth_sessions set last_used_at = ? where token_hash = ? and last_used_at < ?")) {
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        s.setObject(1, t);
        s.setString(2, tokenHash);
        s.setObject(3, t);
        return s.executeUpdate();
      }
    });
  }

  public void endSession(String tokenHash, Instant at) {
    Jdbc.withConnection(dataSource, "end session", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "update auth_sessions set ended_at = ? where token_hash = ? and ended_at is null")) {
        s.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        s.setString(2, tokenHash);
        return s.executeUpdate();
      }
    });
  }

  /** Removes sessions that ended or started before {@code before}. */
  public int pruneSessions(Instant before) {
    return Jdbc.withConnection(dataSource, "prune sessions", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "delete from auth_sessions where ended_at is not null or created_at < ?")) {
        s.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
        return s.executeUpdate();
      }
    });
  }

  private void endSessions(java.sql.Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "update auth_sessions set ended_at = ? where principal = ? and ended_at is null")) {
      s.setObject(1, Jdbc.now(clock));
      s.setString(2, name);
      s.executeUpdate();
    }
  }

  private Optional<Row> one(String what, String sql, String arg) {
    return Jdbc.withConnection(dataSource, what, c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, arg);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
      }
    });
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString("name"), rs.getString("kind"), rs.getString("role"), rs.getString("routers"),
        rs.getString("secret_hash"), rs.getBoolean("disabled"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_used_at"));
  }
}
