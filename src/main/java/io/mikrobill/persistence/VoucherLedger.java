package io.mikrobill.persistence;

import io.mikrobill.security.SecretBox;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The record of every voucher sold. Prices are written once and never edited; only the state
 * moves, and each move is a conditional UPDATE (e.g. {@code where state = 'PENDING'}) so that two
 * callers racing on one voucher cannot both change it: the one whose update counts 0 rows lost.
 *
 * <p>Moves: PENDING to CREATED or FAILED; FAILED to CREATED (a repair found it on the router);
 * anything but REVOKED to REVOKED.
 *
 * <p>A code is a hotspot password, so the ledger keeps it sealed ({@code code_secret}, bound to its
 * row) and finds it by its keyed lookup digest ({@code code_digest}, the primary key: a repeated
 * code is still refused, and revoking by code still works). Only this class opens codes; a failure
 * reason that quotes the code keeps {@value #MASK} in its place. Rows keep their insertion order
 * ({@code seq}), as codes no longer sort in the database.
 */
public final class VoucherLedger {

  public static final int MAX_PAGE = 1000;

  /** What stands for a voucher code in a failure reason. */
  public static final String MASK = "***";

  private static final String COLUMNS =
      "code_digest, code_secret, batch_id, profile, price, currency, router, state, router_id, failure_reason,"
          + " created_at, updated_at";

  private final DataSource dataSource;
  private final SecretBox secrets;
  private final Clock clock;

  public VoucherLedger(DataSource dataSource, SecretBox secrets) {
    this(dataSource, secrets, Clock.systemUTC());
  }

  public VoucherLedger(DataSource dataSource, SecretBox secrets, Clock clock) {
    this.dataSource = dataSource;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * The code's lookup digest: how the ledger finds it, and a key that stands for the code where a
   * code must not be kept (the idempotency key of the request that creates it on the router).
   */
  public String lookupKey(String code) {
    return secrets.lookup(code);
  }

  /** The context a code is sealed in: its own row, so a sealed code moved to another row does not open. */
  static String codeContext(String digest) {
    return "vouchers.code:" + digest;
  }

  /** {@code reason} with every occurrence of {@code code} masked. */
  static String maskCode(String reason, String code) {
    return reason == null || code == null || code.isEmpty() ? reason : reason.replace(code, MASK);
  }

  /**
   * Writes the whole batch as PENDING in one transaction.
   *
   * @throws DuplicateVoucherException if any code exists already; then nothing is written
   */
  public int insertPending(List<PendingVoucher> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    String batchId = batch.get(0).batchId();
    return Jdbc.inTransaction(
        dataSource,
        "insert voucher batch " + batchId,
        connection -> {
          OffsetDateTime now = Jdbc.now(clock);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into vouchers(" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?)")) {
            for (PendingVoucher v : batch) {
              String digest = secrets.lookup(v.code());
              insert.setString(1, digest);
              insert.setString(2, secrets.seal(v.code(), codeContext(digest)));
              insert.setString(3, v.batchId());
              insert.setString(4, v.profile());
              insert.setBigDecimal(5, v.price());
              insert.setString(6, v.currency());
              insert.setString(7, v.router());
              insert.setString(8, VoucherState.PENDING.name());
              insert.setObject(9, now);
              insert.setObject(10, now);
              insert.addBatch();
            }
            insert.executeBatch();
          } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
              throw new DuplicateVoucherException(batchId, batch.size(), e);
            }
            throw e;
          }
          return batch.size();
        });
  }

  /** PENDING or FAILED to CREATED. False if it was already created or revoked. */
  public boolean markCreated(String code, String routerId) {
    InvalidValueException.require("routerId", routerId, 32);
    return move(
        code,
        "state = 'CREATED', router_id = ?",
        "state in ('PENDING', 'FAILED')",
        routerId);
  }

  /**
   * PENDING to FAILED with the reason (the code masked, shortened to 512 characters). False if not
   * PENDING.
   */
  public boolean markFailed(String code, String reason) {
    return move(
        code,
        "state = 'FAILED', failure_reason = ?",
        "state = 'PENDING'",
        InvalidValueException.truncate(maskCode(reason, code), 512));
  }

  /** To REVOKED from any other state. False if it was revoked already. */
  public boolean revoke(String code) {
    return move(code, "state = 'REVOKED'", "state <> 'REVOKED'", null);
  }

  private boolean move(String code, String set, String from, String value) {
    int changed =
        Jdbc.withConnection(
            dataSource,
            "update voucher",
            connection -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "update vouchers set "
                          + set
                          + ", updated_at = ? where code_digest = ? and "
                          + from)) {
                int i = 1;
                if (set.contains("?")) {
                  update.setString(i++, value);
                }
                update.setObject(i++, Jdbc.now(clock));
                update.setString(i, secrets.lookup(code));
                return update.executeUpdate();
              }
            });
    if (changed == 0 && find(code).isEmpty()) {
      throw new UnknownVoucherException(code);
    }
    return changed == 1;
  }

  public Optional<Voucher> find(String code) {
    return Jdbc.withConnection(
        dataSource,
        "find voucher",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("select " + COLUMNS + " from vouchers where code_digest = ?")) {
            select.setString(1, secrets.lookup(code));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(voucher(rs)) : Optional.empty();
            }
          }
        });
  }

  /** A page in the order the vouchers were written; a null state or batch means any. */
  public List<Voucher> list(VoucherState state, String batchId, int limit, int offset) {
    InvalidValueException.page(limit, offset, MAX_PAGE);
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from vouchers where 1 = 1");
    List<String> params = new ArrayList<>();
    if (state != null) {
      sql.append(" and state = ?");
      params.add(state.name());
    }
    if (batchId != null) {
      sql.append(" and batch_id = ?");
      params.add(batchId);
    }
    sql.append(" order by created_at, seq limit ? offset ?");
    return Jdbc.withConnection(
        dataSource,
        "list vouchers",
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int i = 1;
            for (String param : params) {
              select.setString(i++, param);
            }
            select.setInt(i++, limit);
            select.setInt(i, offset);
            List<Voucher> page = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                page.add(voucher(rs));
              }
            }
            return page;
          }
        });
  }

  /** Sum of prices of CREATED vouchers per currency; currencies with none are absent. */
  public Map<String, BigDecimal> revenueByCurrency() {
    return Jdbc.withConnection(
        dataSource,
        "sum revenue",
        connection -> {
          Map<String, BigDecimal> revenue = new TreeMap<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "select currency, sum(price) from vouchers where state = 'CREATED'"
                          + " group by currency");
              ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              revenue.put(rs.getString(1), money(rs.getBigDecimal(2)));
            }
          }
          return revenue;
        });
  }

  /** Sum of prices of CREATED vouchers in one currency; zero when there are none. */
  public BigDecimal revenue(String currency) {
    return revenueByCurrency().getOrDefault(currency, money(BigDecimal.ZERO));
  }

  /** Number of vouchers in each state, zero for states with none. */
  public Map<VoucherState, Long> countByState() {
    return Jdbc.withConnection(
        dataSource,
        "count vouchers",
        connection -> {
          Map<VoucherState, Long> counts = new EnumMap<>(VoucherState.class);
          for (VoucherState state : VoucherState.values()) {
            counts.put(state, 0L);
          }
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "select state, count(*) from vouchers group by state");
              ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              counts.put(VoucherState.valueOf(rs.getString(1)), rs.getLong(2));
            }
          }
          return counts;
        });
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.UNNECESSARY);
  }

  private Voucher voucher(ResultSet rs) throws SQLException {
    return new Voucher(
        secrets.open(rs.getString("code_secret"), codeContext(rs.getString("code_digest"))),
        rs.getString("batch_id"),
        rs.getString("profile"),
        money(rs.getBigDecimal("price")),
        rs.getString("currency"),
        rs.getString("router"),
        VoucherState.valueOf(rs.getString("state")),
        rs.getString("router_id"),
        rs.getString("failure_reason"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "updated_at"));
  }
}
