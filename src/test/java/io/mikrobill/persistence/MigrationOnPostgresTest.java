package io.mikrobill.persistence;

class MigrationOnPostgresTest extends MigrationContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new PostgresTestServer();
  }
}
