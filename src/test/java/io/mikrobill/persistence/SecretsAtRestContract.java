package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mikrobill.security.DataScan;
import io.mikrobill.security.SealedValueException;
import io.mikrobill.security.SecretBox;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Voucher codes, stored replies and notes are sealed in the database, found again by code, and
 * refused when changed, moved or opened with another key; what an earlier version kept in clear is
 * sealed by migration V4. Read through raw SQL, as someone with a copy of the database would.
 */
abstract class SecretsAtRestContract extends DatabaseContract {

  private static final String CODE = "K7QX4MHA";
  private static final String PASSWORD = "hunter2-at-rest";

  private VoucherLedger ledger() {
    return new VoucherLedger(database.dataSource(), database.secrets());
  }

  private RequestOutcomes outcomes() {
    return new RequestOutcomes(database.dataSource(), database.secrets());
  }

  @Test
  void shouldKeepVoucherCodesSealedAndStillFindThemByCode() throws Exception {
    database.migrate();
    VoucherLedger ledger = ledger();
    ledger.insertPending(List.of(voucher(CODE, "b1"), voucher("M9PQ3RTA", "b1")));
    ledger.markFailed(CODE, "'" + CODE + "' already exists on router core-1; choose another name");

    assertThat(rawRows("select * from vouchers")).hasSize(2).allSatisfy(row -> assertThat(row).doesNotContain(CODE, "M9PQ3RTA"));
    assertThat(rawRows("select code_secret from vouchers")).allSatisfy(v -> assertThat(v).startsWith("[enc1:"));
    Voucher found = ledger.find(CODE).orElseThrow();
    assertThat(found.code()).isEqualTo(CODE);
    assertThat(found.failureReason()).isEqualTo("'***' already exists on router core-1; choose another name");
    assertThat(ledger.revoke(CODE)).isTrue();
    assertThatThrownBy(() -> ledger.insertPending(List.of(voucher(CODE, "b2")))).isInstanceOf(DuplicateVoucherException.class);
  }

  @Test
  void shouldRefuseACodeMovedFromAnotherRow() throws Exception {
    database.migrate();
    VoucherLedger ledger = ledger();
    ledger.insertPending(List.of(voucher(CODE, "b1"), voucher("M9PQ3RTA", "b1")));
    String digest = ledger.lookupKey(CODE);
    execute("update vouchers set code_secret = (select code_secret from vouchers where code_digest <> '" + digest + "')"
        + " where code_digest = '" + digest + "'");

    assertThatThrownBy(() -> ledger.find(CODE)).isInstanceOf(SealedValueException.class)
        .hasMessageContaining("moved from another row").hasMessageNotContaining("M9PQ3RTA");
  }

  @Test
  void shouldSealStoredRepliesAndNotesAndKeyVoucherRequestsByDigest() throws Exception {
    database.migrate();
    RequestOutcomes outcomes = outcomes();
    String reply = "{\"vouchers\":[{\"code\":\"" + CODE + "\"}],\"password\":\"" + PASSWORD + "\"}";
    outcomes.claim("http-reply", "POST /api/vouchers k1", "sha256:abc");
    outcomes.complete("http-reply", "POST /api/vouchers k1", OutcomeStatus.APPLIED, 201, reply, null, "sha256:abc");
    outcomes.claim("voucher", ledger().lookupKey(CODE));
    outcomes.complete("voucher", ledger().lookupKey(CODE), OutcomeStatus.REFUSED, null, "duplicate", null,
        "'" + CODE + "' already exists");

    assertThat(rawRows("select * from request_outcomes")).hasSize(2)
        .allSatisfy(row -> assertThat(row).doesNotContain(CODE, PASSWORD, "sha256:abc"));
    RequestOutcome first = outcomes.find("http-reply", "POST /api/vouchers k1").orElseThrow();
    assertThat(first.body()).isEqualTo(reply);
    assertThat(first.reason()).isEqualTo("sha256:abc");
    assertThat(outcomes.find("voucher", ledger().lookupKey(CODE)).orElseThrow().reason()).contains(CODE);
  }

  @Test
  void shouldKeepNoValueOfASecretFieldInSecurityEvents() throws Exception {
    database.migrate();
    SecurityEvents events = new SecurityEvents(database.dataSource());
    events.record("http", "xss", "newPassword", "script tag near '<script>" + PASSWORD + "'");
    events.record("http", "xss", "comment", "script tag near '<script>'");

    assertThat(events.recent(2)).extracting(SecurityEvent::detail)
        .containsExactly("script tag near '<script>'", "***");
  }

  @Test
  void shouldRefuseToStartWithAnotherKeyNamingBothKeyIds() {
    database.migrate();
    SecretBox given = SecretBox.of(KEY_B);

    try (Database other = Database.open(database.settings().withSecretKey(KEY_B))) {
      assertThatThrownBy(other::migrate)
          .isInstanceOf(SecretKeyMismatchException.class)
          .hasMessageContaining("key id " + given.keyId() + " given, " + database.secrets().keyId() + " expected")
          .hasMessageContaining("MIKROBILL_SECRET_KEY");
    }
  }

  private static final byte[] KEY_B = SecretBox.newKey();

  @Test
  void shouldSealWhatAnEarlierVersionKeptInClear() throws Exception {
    // the schema before V4, with rows as an earlier version wrote them
    database.migrate(getClass().getClassLoader(), Database.MIGRATION_LOCATION);
    execute("insert into vouchers(code, batch_id, profile, price, currency, router, state, router_id, failure_reason,"
        + " created_at, updated_at) values"
        + " ('C3QXA4MH', 'b1', '1h', 1.00, 'USD', 'default', 'FAILED', null, 'C3QXA4MH timed out', timestamp with time zone '2025-01-01 00:00:00+00', current_timestamp),"
        + " ('A7QXA4MH', 'b1', '1h', 2.50, 'USD', 'default', 'CREATED', '*1', null, timestamp with time zone '2025-01-01 00:00:00+00', current_timestamp),"
        + " ('B9QXA4MH', 'b1', '1h', 1.00, 'USD', 'default', 'PENDING', null, null, timestamp with time zone '2025-01-01 00:00:00+00', current_timestamp)");
    execute("insert into request_outcomes(source, request_key, status, http_status, body, router_id, reason, created_at, updated_at)"
        + " values ('voucher', 'A7QXA4MH', 'APPLIED', 0, 'applied', '*1', null, current_timestamp, current_timestamp),"
        + " ('voucher-revoke', 'C3QXA4MH', 'PENDING', null, null, null, null, current_timestamp, current_timestamp),"
        + " ('http-reply', 'POST /api/vouchers k9', 'APPLIED', 201, '{\"code\":\"A7QXA4MH\",\"password\":\"" + PASSWORD + "\"}', null,"
        + " 'sha256:feed', current_timestamp, current_timestamp),"
        + " ('csv', 'abc:1', 'REFUSED', 0, 'validation', null, 'password: must be 8 to 64 characters', current_timestamp, current_timestamp)");
    execute("insert into security_events(occurred_at, source, kind, field, detail) values"
        + " (current_timestamp, 'http', 'xss', 'password', '<script>" + PASSWORD + "'),"
        + " (current_timestamp, 'http', 'xss', 'comment', '<script>')");

    assertThat(database.migrate()).containsExactly(4);

    VoucherLedger ledger = ledger();
    assertThat(ledger.list(null, "b1", 10, 0)).as("the order the old primary key gave")
        .extracting(Voucher::code).containsExactly("A7QXA4MH", "B9QXA4MH", "C3QXA4MH");
    assertThat(ledger.find("C3QXA4MH").orElseThrow().failureReason()).isEqualTo("*** timed out");
    assertThat(ledger.revoke("B9QXA4MH")).isTrue();
    ledger.insertPending(List.of(voucher(CODE, "b2")));
    assertThat(ledger.list(null, null, 10, 0)).extracting(Voucher::code).endsWith(CODE);
    assertThat(ledger.revenue("USD")).isEqualTo(new BigDecimal("2.50"));
    RequestOutcomes outcomes = outcomes();
    assertThat(outcomes.find("voucher", ledger.lookupKey("A7QXA4MH")).orElseThrow().routerId()).isEqualTo("*1");
    assertThat(outcomes.find("voucher-revoke", ledger.lookupKey("C3QXA4MH"))).isPresent();
    assertThat(outcomes.find("http-reply", "POST /api/vouchers k9").orElseThrow().body()).contains(PASSWORD);
    assertThat(outcomes.find("csv", "abc:1").orElseThrow().reason()).isEqualTo("password: must be 8 to 64 characters");
    assertThat(new SecurityEvents(database.dataSource()).recent(2)).extracting(SecurityEvent::detail)
        .containsExactlyInAnyOrder("***", "<script>");

    List<String> clear = List.of("A7QXA4MH", "B9QXA4MH", "C3QXA4MH", PASSWORD);
    for (String table : List.of("vouchers", "request_outcomes", "security_events")) {
      assertThat(rawRows("select * from " + table)).as(table).allSatisfy(row -> assertThat(row).doesNotContain(clear));
    }
    if (database.kind() == DatabaseKind.H2) {
      database.close();
      assertThat(DataScan.find(database.settings().dataDir(), Set.of(), clear))
          .as("clear text left in the files of %s", DataScan.list(database.settings().dataDir())).isEmpty();
    }
  }

  private static PendingVoucher voucher(String code, String batch) {
    return new PendingVoucher(code, batch, "1h", new BigDecimal("1.00"), "core-1");
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Each row as the text of all its columns. */
  private List<String> rawRows(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      List<String> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i));
        }
        rows.add(cells.toString());
      }
      return rows;
    }
  }
}
