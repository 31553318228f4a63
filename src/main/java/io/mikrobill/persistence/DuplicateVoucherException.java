package io.mikrobill.persistence;

/** A batch held a voucher code the ledger already has; nothing of the batch was written. */
public final class DuplicateVoucherException extends PersistenceException {

  public DuplicateVoucherException(String batchId, int batchSize, Throwable cause) {
    super(
        "voucher batch refused: a code already exists, batchId="
            + batchId
            + " size="
            + batchSize
            + " written=0",
        cause);
  }
}
