package io.mikrobill.persistence;

class RequestOutcomesOnPostgresTest extends RequestOutcomesContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new PostgresTestServer();
  }
}
