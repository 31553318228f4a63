package io.mikrobill.persistence;

import java.math.BigDecimal;
import java.time.Instant;

/** A voucher as the ledger holds it. {@code routerId} is the router's {@code .id} once created. */
public record Voucher(
    String code,
    String batchId,
    String profile,
    BigDecimal price,
    String currency,
    String router,
    VoucherState state,
    String routerId,
    String failureReason,
    Instant createdAt,
    Instant updatedAt) {}
