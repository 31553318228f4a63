package io.mikrobill.persistence;

class FileLocksOnH2Test extends FileLocksContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new H2TestServer();
  }
}
