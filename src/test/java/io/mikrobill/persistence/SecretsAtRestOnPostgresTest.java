package io.mikrobill.persistence;

class SecretsAtRestOnPostgresTest extends SecretsAtRestContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new PostgresTestServer();
  }
}
