package io.mikrobill.persistence;

/** A state change was asked for a voucher code the ledger does not hold. */
public final class UnknownVoucherException extends PersistenceException {

  public UnknownVoucherException(String code) {
    super("no voucher with code=" + code);
  }
}
