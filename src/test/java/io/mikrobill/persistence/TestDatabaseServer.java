package io.mikrobill.persistence;

/** A database server for the contract tests that hands out a fresh, empty database per call. */
interface TestDatabaseServer extends AutoCloseable {

  DatabaseSettings freshDatabase();

  @Override
  void close();
}
