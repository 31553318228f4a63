package io.mikrobill.billing;

import java.util.Optional;

/**
 * The first result of every request that must not be applied twice: an HTTP Idempotency-Key, a
 * CSV row, a JMS message. Kept in the database, so a repeat after a crash or from another instance
 * finds it.
 */
public interface OutcomeStore {

  /** PENDING while being applied; APPLIED or REFUSED once settled. */
  enum Status {
    PENDING,
    APPLIED,
    REFUSED
  }

  /** A settled (or pending) outcome. */
  record Outcome(Status status, int httpStatus, String body, String routerId, String reason) {}

  /**
   * Claims a key: empty when this caller is the first (a PENDING row now exists), or the outcome
   * recorded before (PENDING means an earlier attempt did not finish: the caller repairs it).
   */
  Optional<Outcome> claim(String source, String key);

  /** The same, keeping {@code note} with the claim (in the outcome's reason while it is PENDING). */
  Optional<Outcome> claim(String source, String key, String note);

  /** Forgets a PENDING claim; a settled outcome stays. */
  void release(String source, String key);

  void complete(String source, String key, Outcome outcome);

  /** The outcome recorded under a key, if any. */
  Optional<Outcome> find(String source, String key);
}
