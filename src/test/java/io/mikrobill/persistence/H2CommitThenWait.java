package io.mikrobill.persistence;

import java.nio.file.Path;
import java.util.Map;

/**
 * A process for {@link H2DurabilityTest}: opens the default H2 database in the folder given,
 * commits one settled request outcome, says COMMITTED, then waits to be killed.
 */
public final class H2CommitThenWait {

  private H2CommitThenWait() {}

  public static void main(String[] args) throws Exception {
    Database db = Database.open(DatabaseSettings.from(Map.<String, String>of()::get, Path.of(args[0])));
    db.migrate();
    RequestOutcomes outcomes = new RequestOutcomes(db.dataSource(), db.secrets());
    outcomes.claim("csv", "durable-1");
    outcomes.complete("csv", "durable-1", OutcomeStatus.APPLIED, 0, "applied", "*1", null);
    System.out.println("COMMITTED");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
