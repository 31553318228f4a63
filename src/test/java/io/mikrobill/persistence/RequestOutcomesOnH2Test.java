package io.mikrobill.persistence;

class RequestOutcomesOnH2Test extends RequestOutcomesContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new H2TestServer();
  }
}
