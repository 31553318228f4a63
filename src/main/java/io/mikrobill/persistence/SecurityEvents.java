package io.mikrobill.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An append-only log of security events. The text comes from whoever sent the bad input, so it
 * is shortened to fit its column rather than refused: recording an attack must not fail because
 * the attacker sent a long string.
 *
 * <p>The detail quotes the value that tripped the detector. When the field is a secret (a password,
 * a key, a token, a voucher code, whatever the sender called it) its detail is kept as {@value
 * #MASK}: the validator does not scan the password field, but a field it does not know may still be
 * one.
 */
public final class SecurityEvents {

  public static final int MAX_RECENT = 1000;

  /** What a secret field's detail is kept as. */
  public static final String MASK = "***";

  private static final Pattern SECRET_FIELD =
      Pattern.compile("(?i).*(pass|pwd|secret|token|key|credential|code|auth).*");

  private final DataSource dataSource;
  private final Clock clock;

  public SecurityEvents(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public SecurityEvents(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public void record(String source, String kind, String field, String detail) {
    record(source, kind, field, detail, null, null);
  }

  /** The same, with who asked ({@code key:shop}, {@code user:alice}) and from which address, when known. */
  public void record(String source, String kind, String field, String detail, String principal, String clientAddress) {
    InvalidValueException.require("source", source, 16);
    InvalidValueException.require("kind", kind, 32);
    Jdbc.withConnection(
        dataSource,
        "record security event " + kind,
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into security_events(occurred_at, source, kind, field, detail, principal, client_address)"
                      + " values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, Jdbc.now(clock));
            insert.setString(2, source);
            insert.setString(3, kind);
            insert.setString(4, InvalidValueException.truncate(field, 64));
            insert.setString(5, secretField(field) && detail != null ? MASK : InvalidValueException.truncate(detail, 512));
            insert.setString(6, InvalidValueException.truncate(principal, 80));
            insert.setString(7, InvalidValueException.truncate(clientAddress, 64));
            return insert.executeUpdate();
          }
        });
  }

  /** True when a field of this name may hold a secret, so its value is never kept. */
  static boolean secretField(String field) {
    return field != null && SECRET_FIELD.matcher(field).matches();
  }

  public long count() {
    return Jdbc.withConnection(
        dataSource,
        "count security events",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("select count(*) from security_events");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** The newest {@code n} events, newest first. */
  public List<SecurityEvent> recent(int n) {
    InvalidValueException.page(n, 0, MAX_RECENT);
    return Jdbc.withConnection(
        dataSource,
        "list security events",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "select id, occurred_at, source, kind, field, detail, principal, client_address from security_events"
                      + " order by id desc limit ?")) {
            select.setInt(1, n);
            List<SecurityEvent> events = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                events.add(
                    new SecurityEvent(
                        rs.getLong("id"),
                        Jdbc.instant(rs, "occurred_at"),
                        rs.getString("source"),
                        rs.getString("kind"),
                        rs.getString("field"),
                        rs.getString("detail"),
                        rs.getString("principal"),
                        rs.getString("client_address")));
              }
            }
            return events;
          }
        });
  }
}
