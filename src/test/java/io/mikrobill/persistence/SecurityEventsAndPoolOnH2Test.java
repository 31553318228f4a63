package io.mikrobill.persistence;

class SecurityEventsAndPoolOnH2Test extends SecurityEventsAndPoolContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new H2TestServer();
  }
}
