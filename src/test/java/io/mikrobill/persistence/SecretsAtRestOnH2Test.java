package io.mikrobill.persistence;

class SecretsAtRestOnH2Test extends SecretsAtRestContract {

  @Override
  protected TestDatabaseServer startServer() {
    return new H2TestServer();
  }
}
