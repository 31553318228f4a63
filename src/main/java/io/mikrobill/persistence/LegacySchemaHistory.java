package io.mikrobill.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Reads the history kept by the migration runner MikroBill had before Flyway, table {@code
 * schema_version}, so that a database it made is taken over instead of refused: Flyway finds a
 * schema full of tables but no history of its own and would otherwise stop.
 *
 * <p>That runner checked every recorded checksum against the shipped scripts at each start, so its
 * history is trusted as it is: Flyway records a baseline at its newest version and applies only
 * what is newer. The old tables ({@code schema_version}, and {@code schema_lock} on H2) are left
 * in place, unused, so a rollback to the previous build still finds them.
 */
final class LegacySchemaHistory {

  static final String TABLE = "schema_version";

  static final String BASELINE_DESCRIPTION = "taken over from " + TABLE;

  private LegacySchemaHistory() {}

  /**
   * The newest version the earlier runner applied, or empty when there is nothing to take over:
   * no {@code schema_version} table, or Flyway's history already exists (taken over before).
   */
  static OptionalInt newestVersion(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if (!tableExists(connection, TABLE)
          || tableExists(connection, SchemaMigrations.HISTORY_TABLE)) {
        return OptionalInt.empty();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select max(version) from " + TABLE)) {
        rs.next();
        int version = rs.getInt(1);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(version);
      }
    } catch (SQLException e) {
      throw new MigrationException(
          "cannot read the earlier schema history " + TABLE + ": sqlState=" + e.getSQLState()
              + " " + e.getMessage(),
          e);
    }
  }

  /** Both databases here keep unquoted names in lower case (H2 through DATABASE_TO_LOWER). */
  private static boolean tableExists(Connection connection, String name) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    // '_' is a wildcard in metadata patterns
    String pattern = name.replace("_", metaData.getSearchStringEscape() + "_");
    try (ResultSet tables =
        metaData.getTables(
            connection.getCatalog(), connection.getSchema(), pattern, new String[] {"TABLE"})) {
      return tables.next();
    }
  }
}
