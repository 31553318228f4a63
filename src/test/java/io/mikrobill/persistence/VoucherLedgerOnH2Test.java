package io.mikrobill.persistence;

class VoucherLedgerOnH2Test extends VoucherLedgerContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new H2TestServer();
  }
}
