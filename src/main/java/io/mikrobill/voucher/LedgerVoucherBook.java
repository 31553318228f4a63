package io.mikrobill.voucher;

import io.mikrobill.persistence.DuplicateVoucherException;
import io.mikrobill.persistence.PendingVoucher;
import io.mikrobill.persistence.VoucherLedger;
import java.math.BigDecimal;
import java.util.List;

/** Records vouchers created on a router in the database ledger. */
public final class LedgerVoucherBook implements VoucherBook {

  private final VoucherLedger ledger;
  private final VoucherCounters counters;

  public LedgerVoucherBook(VoucherLedger ledger, VoucherCounters counters) {
    this.ledger = ledger;
    this.counters = counters;
  }

  @Override
  public void created(String code, String batchId, String profile, BigDecimal price, String router, String routerId) {
    try {
      ledger.insertPending(List.of(new PendingVoucher(code, batchId, profile, price, router)));
    } catch (DuplicateVoucherException alreadyThere) {
      // a repeat of the same row: the ledger already has it
    }
    if (ledger.markCreated(code, routerId)) {
      counters.created(price);
    }
  }
}
