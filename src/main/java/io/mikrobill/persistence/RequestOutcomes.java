package io.mikrobill.persistence;

import io.mikrobill.security.SecretBox;
import java.sql.Connection;
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
 * First-result-wins records for Idempotency-Key headers, CSV rows and JMS messages. A caller
 * {@link #claim claims} the key before doing the work: the primary key lets exactly one claim
 * insert the PENDING row, and every later claim gets the existing row back instead. The winner
 * then {@link #complete completes} it once; later completions change nothing.
 *
 * <p>The body (a stored HTTP reply: a voucher batch's answer lists its codes) and the reason (a
 * claim's note, a refusal that may quote a voucher code) are sealed, each bound to its row; the
 * rest (status, router id, times) stays readable for repair queries. Keys are stored as given: a
 * caller whose key would be a secret passes a digest instead (the voucher API passes the code's
 * lookup digest).
 */
public final class RequestOutcomes {

  public static final int MAX_PAGE = 1000;

  private static final String COLUMNS =
      "source, request_key, status, http_status, body, router_id, reason, created_at, updated_at";

  private final DataSource dataSource;
  private final SecretBox secrets;
  private final Clock clock;

  public RequestOutcomes(DataSource dataSource, SecretBox secrets) {
    this(dataSource, secrets, Clock.systemUTC());
  }

  public RequestOutcomes(DataSource dataSource, SecretBox secrets, Clock clock) {
    this.dataSource = dataSource;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** Where a row's body is sealed: its own source and key, so it opens in no other row. */
  static String bodyContext(String source, String key) {
    return "request_outcomes.body:" + source + "\u0000" + key;
  }

  /** Where a row's reason is sealed. */
  static String reasonContext(String source, String key) {
    return "request_outcomes.reason:" + source + "\u0000" + key;
  }

  /**
   * Claims {@code key} for {@code source}. Empty: the caller won and must do the work, then
   * {@link #complete}. Present: someone claimed it first; this is their (maybe still PENDING) row.
   */
  public Optional<RequestOutcome> claim(String source, String key) {
    return claim(source, key, null);
  }

  /** The same, keeping {@code note} (e.g. the digest of what the request asked) with the claim. */
  public Optional<RequestOutcome> claim(String source, String key, String note) {
    InvalidValueException.require("source", source, 16);
    InvalidValueException.require("requestKey", key, 512);
    boolean inserted =
        Jdbc.withConnection(
            dataSource,
            "claim request " + source + "/" + key,
            connection -> {
              OffsetDateTime now = Jdbc.now(clock);
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into request_outcomes(source, request_key, status, reason, created_at,"
                          + " updated_at) values (?, ?, 'PENDING', ?, ?, ?)")) {
                insert.setString(1, source);
                insert.setString(2, key);
                insert.setString(3, secrets.seal(note, reasonContext(source, key)));
                insert.setObject(4, now);
                insert.setObject(5, now);
                insert.executeUpdate();
                return true;
              } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                  return false;
                }
                throw e;
              }
            });
    if (inserted) {
      return Optional.empty();
    }
    return Optional.of(find(source, key).orElseThrow(() -> new UnknownRequestException(source, key)));
  }

  /** Forgets a claim that is still PENDING (the request was refused before it ran); a settled one stays. */
  public boolean release(String source, String key) {
    return Jdbc.withConnection(dataSource, "release request " + source + "/" + key, connection -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "delete from request_outcomes where source = ? and request_key = ? and status = 'PENDING'")) {
        delete.setString(1, source);
        delete.setString(2, key);
        return delete.executeUpdate() == 1;
      }
    });
  }

  /**
   * Records the final outcome of a claimed request. Returns false, changing nothing, when it was
   * completed already: the first outcome stands.
   *
   * @throws UnknownRequestException if the request was never claimed
   */
  public boolean complete(
      String source,
      String key,
      OutcomeStatus status,
      Integer httpStatus,
      String body,
      String routerId,
      String reason) {
    if (status == null || status == OutcomeStatus.PENDING) {
      throw new InvalidValueException("a completed request must be APPLIED or REFUSED, was " + status);
    }
    InvalidValueException.optional("routerId", routerId, 32);
    int changed =
        Jdbc.withConnection(
            dataSource,
            "complete request " + source + "/" + key,
            connection -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "update request_outcomes set status = ?, http_status = ?, body = ?,"
                          + " router_id = ?, reason = ?, updated_at = ?"
                          + " where source = ? and request_key = ? and status = 'PENDING'")) {
                update.setString(1, status.name());
                update.setObject(2, httpStatus, java.sql.Types.INTEGER);
                update.setString(3, secrets.seal(body, bodyContext(source, key)));
                update.setString(4, routerId);
                update.setString(5, secrets.seal(InvalidValueException.truncate(reason, 1024), reasonContext(source, key)));
                update.setObject(6, Jdbc.now(clock));
                update.setString(7, source);
                update.setString(8, key);
                return update.executeUpdate();
              }
            });
    if (changed == 0 && find(source, key).isEmpty()) {
      throw new UnknownRequestException(source, key);
    }
    return changed == 1;
  }

  public Optional<RequestOutcome> find(String source, String key) {
    return Jdbc.withConnection(
        dataSource,
        "find request " + source + "/" + key,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "select " + COLUMNS + " from request_outcomes where source = ? and request_key = ?")) {
            select.setString(1, source);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(outcome(rs)) : Optional.empty();
            }
          }
        });
  }

  /** PENDING outcomes claimed before {@code cutoff}, oldest first: work for a repair task. */
  public List<RequestOutcome> pendingClaimedBefore(Instant cutoff, int limit) {
    InvalidValueException.page(limit, 0, MAX_PAGE);
    return Jdbc.withConnection(
        dataSource,
        "list pending requests",
        connection -> select(connection, cutoff, limit));
  }

  private List<RequestOutcome> select(Connection connection, Instant cutoff, int limit)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "select " + COLUMNS + " from request_outcomes where status = 'PENDING'"
                + " and created_at < ? order by created_at limit ?")) {
      select.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
      select.setInt(2, limit);
      List<RequestOutcome> pending = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          pending.add(outcome(rs));
        }
      }
      return pending;
    }
  }

  private RequestOutcome outcome(ResultSet rs) throws SQLException {
    String source = rs.getString("source");
    String key = rs.getString("request_key");
    return new RequestOutcome(
        source,
        key,
        OutcomeStatus.valueOf(rs.getString("status")),
        Jdbc.nullableInt(rs, "http_status"),
        secrets.open(rs.getString("body"), bodyContext(source, key)),
        rs.getString("router_id"),
        secrets.open(rs.getString("reason"), reasonContext(source, key)),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
