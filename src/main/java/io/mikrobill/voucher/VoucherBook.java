package io.mikrobill.voucher;

import java.math.BigDecimal;

/** Where vouchers created on a router are recorded (the ledger behind revenue and the voucher API). */
interface VoucherBook {

  VoucherBook NONE = (code, batch, profile, price, router, routerId) -> { };

  void created(String code, String batchId, String profile, BigDecimal price, String router, String routerId);
}
