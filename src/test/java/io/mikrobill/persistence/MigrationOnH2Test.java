package io.mikrobill.persistence;

class MigrationOnH2Test extends MigrationContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new H2TestServer();
  }
}
