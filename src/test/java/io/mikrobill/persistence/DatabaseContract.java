package io.mikrobill.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tests that must hold on both databases: a subclass names the server (H2 or
 * PostgreSQL), the contract holds the tests. One server per test class, a fresh empty database
 * per test; contracts that need the schema call {@code database.migrate()} themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {

  protected TestDatabaseServer server;
  protected Database database;

  protected abstract TestDatabaseServer startServer();

  @BeforeAll
  void startDatabaseServer() {
    server = startServer();
  }

  @AfterAll
  void stopDatabaseServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openFreshDatabase() {
    database = Database.open(server.freshDatabase());
  }

  @AfterEach
  void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
