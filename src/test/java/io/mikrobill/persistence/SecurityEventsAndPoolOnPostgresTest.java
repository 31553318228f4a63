package io.mikrobill.persistence;

class SecurityEventsAndPoolOnPostgresTest extends SecurityEventsAndPoolContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new PostgresTestServer();
  }
}
