package io.mikrobill.persistence;

class IdempotentRepositoryOnPostgresTest extends IdempotentRepositoryContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new PostgresTestServer();
  }
}
