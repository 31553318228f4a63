package io.mikrobill.persistence;

import io.mikrobill.security.SecretBox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Which key sealed the database's secrets: the key's id (derived from it, revealing nothing) is
 * written once, by migration V4 or the first start after it, and every start compares its own key
 * with it. A wrong key (another instance's generated {@code data/secret.key}, a mistyped {@code
 * MIKROBILL_SECRET_KEY}) is refused before anything is sealed with it, instead of failing later on
 * every voucher read and stored reply.
 */
final class SecretKeyCheck {

  static final String TABLE = "secret_key_check";

  private SecretKeyCheck() {}

  /** Creates the table and records {@code secrets}' key: part of migration V4. */
  static void create(Connection c, SecretBox secrets) throws SQLException {
    try (PreparedStatement create = c.prepareStatement("create table " + TABLE + " (id int primary key,"
        + " key_id varchar(32) not null, created_at timestamp with time zone not null,"
        + " constraint secret_key_check_one_row check (id = 1))")) {
      create.execute();
    }
    record(c, secrets);
  }

  /**
   * Refuses a key other than the one recorded.
   *
   * @throws SecretKeyMismatchException naming both key ids and what to do
   */
  static void verify(DataSource dataSource, SecretBox secrets) {
    String recorded = Jdbc.withConnection(dataSource, "check the secret key", c -> {
      String id = recorded(c);
      if (id != null) {
        return id;
      }
      try {
        record(c, secrets);
        return secrets.keyId();
      } catch (SQLException e) {
        if (Jdbc.isUniqueViolation(e)) {
          return recorded(c);
        }
        throw e;
      }
    });
    if (!secrets.keyId().equals(recorded)) {
      throw new SecretKeyMismatchException("the secret key (" + SecretBox.ENV + ", or " + SecretBox.KEY_FILE
          + " in the data folder) is not the one this database's secrets were sealed with: key id " + secrets.keyId()
          + " given, " + recorded + " expected; restore that key (every instance sharing a database needs the same "
          + SecretBox.ENV + ")");
    }
  }

  private static String recorded(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("select key_id from " + TABLE + " where id = 1");
        ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static void record(Connection c, SecretBox secrets) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("insert into " + TABLE + "(id, key_id, created_at) values (1, ?, ?)")) {
      insert.setString(1, secrets.keyId());
      insert.setObject(2, Jdbc.now(Clock.systemUTC()));
      insert.executeUpdate();
    }
  }
}
