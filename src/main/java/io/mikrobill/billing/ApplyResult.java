package io.mikrobill.billing;

/** How one request ended: applied (with the router's .id when it made one) or refused, with why. */
public record ApplyResult(boolean applied, String routerId, int status, String type, String reason) {

  public static ApplyResult applied(String routerId) {
    return new ApplyResult(true, routerId, 200, "ok", null);
  }

  public static ApplyResult refused(int status, String type, String reason) {
    return new ApplyResult(false, null, status, type, reason);
  }

  /** Whether a retry later may succeed (the router was unreachable, not the request wrong). */
  public boolean isTransient() {
    return !applied && (status == 503 || status == 429 || status == 502);
  }

  OutcomeStore.Outcome toOutcome() {
    return new OutcomeStore.Outcome(applied ? OutcomeStore.Status.APPLIED : OutcomeStore.Status.REFUSED,
        status, null, routerId, reason);
  }

  static ApplyResult fromOutcome(OutcomeStore.Outcome o) {
    return o.status() == OutcomeStore.Status.APPLIED ? applied(o.routerId())
        : refused(o.httpStatus(), "refused", o.reason());
  }
}
