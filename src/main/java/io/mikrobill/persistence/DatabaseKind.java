package io.mikrobill.persistence;

/** The two databases MikroBill runs on; the same SQL serves both. */
public enum DatabaseKind {
  /** Embedded file database in PostgreSQL compatibility mode, for single-box installs. */
  H2,
  /** A real PostgreSQL server, named by {@code DATABASE_URL}. */
  POSTGRESQL
}
