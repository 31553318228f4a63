package io.mikrobill.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway: versioned scripts {@code V<n>__<description>.sql},
 * each applied once and recorded in {@code flyway_schema_history}, under Flyway's lock so that
 * instances starting together apply each script once.
 *
 * <p>Flyway is stricter here than by default, because the schema must be the one the code was
 * tested against: a database that has versions this build does not ship (a newer build ran on it)
 * is refused instead of being ignored, and so is a new script older than the newest applied one.
 * An applied script whose checksum changed is refused as Flyway always does. Refusals are
 * reported as {@link MigrationException} naming the version and what to do.
 *
 * <p>A database made by the runner MikroBill had before Flyway is taken over through a Flyway
 * baseline at the newest version it recorded (see {@link LegacySchemaHistory}).
 */
final class SchemaMigrations {

  /**
   * Flyway tries the PostgreSQL migration lock about once a second: this many tries let an
   * instance wait two minutes for another one's migrations before it refuses to start.
   */
  private static final int LOCK_RETRIES = 120;

  /** Flyway's default name for its history table; the application itself never queries it. */
  static final String HISTORY_TABLE = "flyway_schema_history";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

  private final DataSource dataSource;
  private final DatabaseKind kind;

  SchemaMigrations(DataSource dataSource, DatabaseKind kind) {
    this.dataSource = dataSource;
    this.kind = kind;
  }

  /**
   * Applies what is pending under {@code location}, with the migrations written in Java ({@code
   * java}, ordered with the scripts by version), and returns the versions applied now.
   */
  List<Integer> migrate(ClassLoader loader, String location, JavaMigration... java) {
    FluentConfiguration configuration =
        Flyway.configure(loader)
            .dataSource(dataSource)
            .locations("classpath:" + location)
            .javaMigrations(java)
            // a missing folder (e.g. resources lost when packaging) must not look like "nothing
            // to do", nor a misnamed script be skipped silently
            .failOnMissingLocations(true)
            .validateMigrationNaming(true)
            // no pattern is ignored: "future" (a newer build's versions) and "ignored" (a script
            // older than the newest applied) both refuse the start, as they did before Flyway
            .ignoreMigrationPatterns(new String[0])
            .lockRetryCount(LOCK_RETRIES)
            .loggers("slf4j");
    OptionalInt legacy = LegacySchemaHistory.newestVersion(dataSource);
    if (legacy.isPresent()) {
      configuration
          .baselineOnMigrate(true)
          .baselineVersion(Integer.toString(legacy.getAsInt()))
          .baselineDescription(LegacySchemaHistory.BASELINE_DESCRIPTION);
    }
    Flyway flyway = configuration.load();
    if (legacy.isPresent()) {
      refuseNewerThanShipped(flyway, legacy.getAsInt());
    }
    MigrateResult result;
    try {
      result = flyway.migrate();
    } catch (FlywayValidateException e) {
      throw refusal(flyway, e);
    } catch (FlywayException e) {
      throw failure(e);
    }
    List<Integer> applied = new ArrayList<>();
    for (MigrateOutput migration : result.migrations) {
      applied.add(version(migration.version));
    }
    LOG.info(
        "database schema current kind={} version={} appliedNow={}",
        kind,
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        applied);
    return applied;
  }

  /**
   * A baseline above every shipped script would hide that a newer build ran on this database;
   * Flyway's own check for that needs its history, which a database of the earlier runner lacks.
   */
  private static void refuseNewerThanShipped(Flyway flyway, int legacyVersion) {
    int newestShipped = 0;
    for (MigrationInfo info : flyway.info().all()) {
      if (info.isVersioned() && !info.isApplied()) {
        newestShipped = Math.max(newestShipped, version(info.getVersion().getVersion()));
      }
    }
    if (legacyVersion > newestShipped) {
      throw new MigrationException(
          "database has migration version "
              + legacyVersion
              + " in "
              + LegacySchemaHistory.TABLE
              + " but this build ships up to version "
              + newestShipped
              + "; refusing to start an older build on a newer schema");
    }
  }

  /** MikroBill numbers its migrations 1, 2, 3...; the API reports them as integers. */
  private static Integer version(String version) {
    try {
      return Integer.valueOf(version);
    } catch (NumberFormatException e) {
      throw new MigrationException(
          "migration version " + version + " is not a whole number; name scripts V<n>__<what>.sql");
    }
  }

  /**
   * A script failed. PostgreSQL rolls the whole script back and Flyway records nothing; H2 cannot
   * roll back DDL, so Flyway records the version as failed and every later start is refused until
   * someone has looked at the schema (see {@link #refusal}).
   */
  private MigrationException failure(FlywayException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // Flyway's own type for a failed statement: the only place that knows the line
      if (t instanceof FlywaySqlScriptException script) {
        return new MigrationException(
            "migration "
                + (script.getResource() != null ? script.getResource().getFilename() : "script")
                + " failed at line "
                + script.getLineNumber()
                + " on "
                + kind
                + (kind == DatabaseKind.H2
                    ? "; it is recorded as failed and H2 may have kept DDL before the failure"
                    : "; it is rolled back and not recorded as applied")
                + ": "
                + (script.getCause() != null ? script.getCause().getMessage() : script.getMessage())
                + " (statement: "
                + script.getStatement()
                + ")",
            e);
      }
    }
    return new MigrationException("migration failed on " + kind + ": " + e.getMessage(), e);
  }

  /**
   * Says in MikroBill's terms why the history and the shipped scripts disagree; Flyway's own
   * message is kept as the cause and used when none of the known cases applies.
   */
  private MigrationException refusal(Flyway flyway, FlywayValidateException e) {
    for (MigrationInfo info : flyway.info().all()) {
      if (!info.isVersioned()) {
        continue;
      }
      String name = "V" + info.getVersion() + " ('" + info.getDescription() + "')";
      MigrationState state = info.getState();
      if (state == MigrationState.FUTURE_SUCCESS
          || state == MigrationState.FUTURE_FAILED
          || state == MigrationState.MISSING_SUCCESS
          || state == MigrationState.MISSING_FAILED) {
        return new MigrationException(
            "database has migration version "
                + info.getVersion()
                + " ('"
                + info.getDescription()
                + "') that this build does not ship; refusing to start an older build on a newer"
                + " schema",
            e);
      }
      if (state == MigrationState.FAILED) {
        return new MigrationException(
            "migration "
                + name
                + " failed on an earlier start and may have left part of its changes behind;"
                + " undo them by hand, then delete its row (success = false) from "
                + HISTORY_TABLE,
            e);
      }
      if (state == MigrationState.IGNORED) {
        return new MigrationException(
            "migration "
                + name
                + " is older than the newest applied version; out-of-order migrations are refused",
            e);
      }
      if (info.isApplied() && !info.isChecksumMatching()) {
        return new MigrationException(
            "migration "
                + name
                + " was changed after it was applied: recorded checksum="
                + info.getAppliedChecksum()
                + " script checksum="
                + info.getResolvedChecksum()
                + "; add a new migration instead of editing an applied one",
            e);
      }
    }
    return new MigrationException(
        "schema history does not match the migrations of this build on " + kind + ": "
            + e.getMessage(),
        e);
  }
}
