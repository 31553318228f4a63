package io.mikrobill.voucher;

import java.math.BigDecimal;

/**
 * Events of the voucher ledger for metrics: a voucher became CREATED (with its price), or was
 * revoked. Counted once per transition in the ledger, so the counters never fall and a repeat
 * never counts twice.
 */
public interface VoucherCounters {

  VoucherCounters NONE = new VoucherCounters() {
    @Override
    public void created(BigDecimal price) {}

    @Override
    public void revoked() {}
  };

  void created(BigDecimal price);

  void revoked();
}
