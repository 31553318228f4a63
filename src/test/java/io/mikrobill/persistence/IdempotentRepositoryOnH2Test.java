package io.mikrobill.persistence;

class IdempotentRepositoryOnH2Test extends IdempotentRepositoryContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new H2TestServer();
  }
}
