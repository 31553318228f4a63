package io.mikrobill.persistence;

class FileLocksOnPostgresTest extends FileLocksContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new PostgresTestServer();
  }
}
