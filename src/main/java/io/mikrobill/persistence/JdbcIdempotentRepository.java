package io.mikrobill.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A Camel idempotent repository over {@code idempotent_keys}, one namespace per processor name.
 *
 * <p>{@link #add} is a plain INSERT: the primary key decides, so instances racing on one key see
 * exactly one winner, and the losers get {@code false} rather than an error. camel-sql's
 * JdbcMessageIdRepository is not used because it counts then inserts, and under a race the loser's
 * insert throws a duplicate-key error instead of returning false.
 */
public final class JdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository {

  private final DataSource dataSource;
  private final String processor;
  private final Clock clock;

  public JdbcIdempotentRepository(DataSource dataSource, String processor) {
    this(dataSource, processor, Clock.systemUTC());
  }

  public JdbcIdempotentRepository(DataSource dataSource, String processor, Clock clock) {
    this.dataSource = dataSource;
    this.processor = InvalidValueException.require("processor", processor, 64);
    this.clock = clock;
  }

  public String processor() {
    return processor;
  }

  /** True if the key was new (and is now recorded); false if it was there already. */
  @Override
  public boolean add(String key) {
    InvalidValueException.require("message id", key, 512);
    return Jdbc.withConnection(
        dataSource,
        "add idempotent key processor=" + processor,
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into idempotent_keys(processor, message_id, created_at)"
                      + " values (?, ?, ?)")) {
            insert.setString(1, processor);
            insert.setString(2, key);
            insert.setObject(3, Jdbc.now(clock));
            return insert.executeUpdate() == 1;
          } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public boolean contains(String key) {
    return Jdbc.withConnection(
        dataSource,
        "look up idempotent key processor=" + processor,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "select 1 from idempotent_keys where processor = ? and message_id = ?")) {
            select.setString(1, processor);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** Forgets the key (Camel calls this when processing failed, so a redelivery may retry). */
  @Override
  public boolean remove(String key) {
    return update("delete from idempotent_keys where processor = ? and message_id = ?", key) > 0;
  }

  /** Keys are committed by {@link #add} already; nothing is left to confirm. */
  @Override
  public boolean confirm(String key) {
    return true;
  }

  /** Forgets every key of this processor, and only of this processor. */
  @Override
  public void clear() {
    update("delete from idempotent_keys where processor = ?", null);
  }

  private int update(String sql, String key) {
    return Jdbc.withConnection(
        dataSource,
        "delete idempotent keys processor=" + processor,
        connection -> {
          try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, processor);
            if (key != null) {
              delete.setString(2, key);
            }
            return delete.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcIdempotentRepository[processor=" + processor + "]";
  }
}
