package io.mikrobill.persistence;

class VoucherLedgerOnPostgresTest extends VoucherLedgerContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new PostgresTestServer();
  }
}
