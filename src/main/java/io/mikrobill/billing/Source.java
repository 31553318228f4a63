package io.mikrobill.billing;

/** Where a request came from; each source keeps its own idempotency keys. */
public enum Source {
  HTTP("http"),
  CSV("csv"),
  JMS("jms"),
  VOUCHER("voucher"),
  VOUCHER_REVOKE("voucher-revoke");

  private final String wireName;

  Source(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the outcome store, logs and security events. */
  public String wireName() {
    return wireName;
  }
}
