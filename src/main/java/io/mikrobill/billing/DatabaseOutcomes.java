package io.mikrobill.billing;

import io.mikrobill.persistence.OutcomeStatus;
import io.mikrobill.persistence.RequestOutcome;
import io.mikrobill.persistence.RequestOutcomes;
import java.util.Optional;

/** The outcome store on the database's {@code request_outcomes} table. */
public final class DatabaseOutcomes implements OutcomeStore {

  private final RequestOutcomes outcomes;

  public DatabaseOutcomes(RequestOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @Override
  public Optional<Outcome> claim(String source, String key) {
    return outcomes.claim(source, key).map(DatabaseOutcomes::toOutcome);
  }

  @Override
  public Optional<Outcome> claim(String source, String key, String note) {
    return outcomes.claim(source, key, note).map(DatabaseOutcomes::toOutcome);
  }

  @Override
  public void release(String source, String key) {
    outcomes.release(source, key);
  }

  @Override
  public void complete(String source, String key, Outcome o) {
    outcomes.complete(source, key, o.status() == Status.APPLIED ? OutcomeStatus.APPLIED : OutcomeStatus.REFUSED,
        o.httpStatus(), o.body(), o.routerId(), o.reason() == null ? null : truncate(o.reason(), 1000));
  }

  @Override
  public Optional<Outcome> find(String source, String key) {
    return outcomes.find(source, key).map(DatabaseOutcomes::toOutcome);
  }

  private static Outcome toOutcome(RequestOutcome r) {
    Status s = switch (r.status()) {
      case APPLIED -> Status.APPLIED;
      case REFUSED -> Status.REFUSED;
      default -> Status.PENDING;
    };
    return new Outcome(s, r.httpStatus() == null ? 0 : r.httpStatus(), r.body(), r.routerId(), r.reason());
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
