package io.mikrobill.persistence;

/**
 * Where a voucher is in its life. PENDING is written before the router is asked, so a crash
 * between the two leaves a row a repair task can settle instead of an unrecorded user.
 */
public enum VoucherState {
  PENDING,
  CREATED,
  FAILED,
  REVOKED
}
