package io.mikrobill.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class VoucherLedgerContract extends DatabaseContract {

  private VoucherLedger ledger;

  @BeforeEach
  void migrate() {
    database.migrate();
    ledger = new VoucherLedger(database.dataSource(), database.secrets());
  }

  private static PendingVoucher voucher(String code, String batch, String price) {
    return new PendingVoucher(code, batch, "1h", new BigDecimal(price), "core-1");
  }

  @Test
  void shouldWriteABatchAsPendingWithItsPrice() {
    int written =
        ledger.insertPending(List.of(voucher("A1", "b1", "1.50"), voucher("A2", "b1", "2")));

    assertThat(written).isEqualTo(2);
    Voucher a1 = ledger.find("A1").orElseThrow();
    assertThat(a1.state()).isEqualTo(VoucherState.PENDING);
    assertThat(a1.price()).isEqualTo(new BigDecimal("1.50"));
    assertThat(a1.currency()).isEqualTo("USD");
    assertThat(a1.batchId()).isEqualTo("b1");
    assertThat(a1.routerId()).isNull();
    assertThat(a1.createdAt()).isNotNull().isEqualTo(a1.updatedAt());
    assertThat(ledger.find("A2").orElseThrow().price()).isEqualTo(new BigDecimal("2.00"));
  }

  @Test
  void shouldWriteNothingOfABatchThatRepeatsAnExistingCode() {
    ledger.insertPending(List.of(voucher("A1", "b1", "1.00")));

    assertThatThrownBy(
            () -> ledger.insertPending(List.of(voucher("B1", "b2", "1.00"), voucher("A1", "b2", "1.00"))))
        .isInstanceOf(DuplicateVoucherException.class)
        .hasMessageContaining("batchId=b2")
        .hasMessageContaining("written=0");
    assertThat(ledger.find("B1")).isEmpty();
    assertThat(ledger.find("A1").orElseThrow().batchId()).isEqualTo("b1");
  }

  @Test
  void shouldMarkAPendingVoucherCreatedOnce() {
    ledger.insertPending(List.of(voucher("A1", "b1", "1.00")));

    assertThat(ledger.markCreated("A1", "*1A")).isTrue();
    assertThat(ledger.markCreated("A1", "*2B")).isFalse();
    Voucher a1 = ledger.find("A1").orElseThrow();
    assertThat(a1.state()).isEqualTo(VoucherState.CREATED);
    assertThat(a1.routerId()).isEqualTo("*1A");
  }

  @Test
  void shouldRecordWhyAVoucherFailedAndLetARepairCreateItLater() {
    ledger.insertPending(List.of(voucher("A1", "b1", "1.00")));

    assertThat(ledger.markFailed("A1", "router timeout")).isTrue();
    assertThat(ledger.markFailed("A1", "again")).isFalse();
    Voucher failed = ledger.find("A1").orElseThrow();
    assertThat(failed.state()).isEqualTo(VoucherState.FAILED);
    assertThat(failed.failureReason()).isEqualTo("router timeout");

    assertThat(ledger.markCreated("A1", "*9")).isTrue();
    assertThat(ledger.find("A1").orElseThrow().state()).isEqualTo(VoucherState.CREATED);
  }

  @Test
  void shouldRevokeOnceWhenRevokedTwice() {
    ledger.insertPending(List.of(voucher("A1", "b1", "1.00")));
    ledger.markCreated("A1", "*1");

    assertThat(ledger.revoke("A1")).isTrue();
    assertThat(ledger.revoke("A1")).isFalse();
    assertThat(ledger.markCreated("A1", "*2")).isFalse();
    assertThat(ledger.find("A1").orElseThrow().state()).isEqualTo(VoucherState.REVOKED);
  }

  @Test
  void shouldRefuseToMoveAVoucherItDoesNotHold() {
    assertThatThrownBy(() -> ledger.revoke("NOPE"))
        .isInstanceOf(UnknownVoucherException.class)
        .hasMessageContaining("code=NOPE");
    assertThatThrownBy(() -> ledger.markCreated("NOPE", "*1"))
        .isInstanceOf(UnknownVoucherException.class);
  }

  @Test
  void shouldSumRevenueOfCreatedVouchersOnlyPerCurrency() {
    ledger.insertPending(
        List.of(
            voucher("A1", "b1", "1.50"),
            voucher("A2", "b1", "2.25"),
            voucher("A3", "b1", "10"),
            voucher("P1", "b1", "100.00"),
            voucher("R1", "b1", "50.00"),
            voucher("F1", "b1", "70.00"),
            new PendingVoucher("E1", "b2", "1d", new BigDecimal("3.10"), "EUR", "core-1")));
    for (String code : List.of("A1", "A2", "A3", "R1", "E1")) {
      ledger.markCreated(code, "*" + code);
    }
    ledger.revoke("R1");
    ledger.markFailed("F1", "trap");

    assertThat(ledger.revenue("USD")).isEqualTo(new BigDecimal("13.75"));
    assertThat(ledger.revenueByCurrency())
        .containsExactly(Map.entry("EUR", new BigDecimal("3.10")), Map.entry("USD", new BigDecimal("13.75")));
    assertThat(ledger.revenue("GBP")).isEqualTo(new BigDecimal("0.00"));
    assertThat(ledger.countByState())
        .containsEntry(VoucherState.CREATED, 4L)
        .containsEntry(VoucherState.PENDING, 1L)
        .containsEntry(VoucherState.REVOKED, 1L)
        .containsEntry(VoucherState.FAILED, 1L);
  }

  @Test
  void shouldListByStateAndBatchInPages() {
    ledger.insertPending(List.of(voucher("A1", "b1", "1"), voucher("A2", "b1", "1"), voucher("A3", "b1", "1")));
    ledger.insertPending(List.of(voucher("B1", "b2", "1")));
    ledger.markCreated("A2", "*2");

    assertThat(ledger.list(null, "b1", 10, 0)).extracting(Voucher::code).containsExactly("A1", "A2", "A3");
    assertThat(ledger.list(null, "b1", 2, 1)).extracting(Voucher::code).containsExactly("A2", "A3");
    assertThat(ledger.list(VoucherState.PENDING, null, 10, 0))
        .extracting(Voucher::code)
        .containsExactly("A1", "A3", "B1");
    assertThat(ledger.list(VoucherState.CREATED, "b2", 10, 0)).isEmpty();
    assertThatThrownBy(() -> ledger.list(null, null, 0, 0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("was 0");
  }

  @Test
  void shouldRefuseAPriceWithMoreThanTwoDecimals() {
    assertThatThrownBy(() -> voucher("A1", "b1", "1.005"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("1.005");
  }
}
