package io.mikrobill.billing;

/**
 * How one request ended: applied (with the router's .id when it made one), refused with a kind
 * and a reason, or unknown (it may have reached the router; the key stays open and a repeat
 * settles it). Each edge maps this to its own answer: HTTP statuses exist only at the HTTP edge.
 * {@code failure} is the exception behind a refusal, for the edge's detailed error; it is never
 * stored.
 */
public record ApplyResult(Kind kind, String routerId, String type, String reason, Throwable failure) {

  /** The ways a request ends. */
  public enum Kind {
    APPLIED(false),
    /** The request itself is wrong (a field, an unknown router or action). */
    VALIDATION(false),
    /** The item exists already and is not this request's own earlier attempt. */
    DUPLICATE(false),
    NOT_FOUND(false),
    /** The router refused it for another reason (a !trap). */
    ROUTER_REFUSED(false),
    /** The router is unreachable, its circuit open, or the queue full: retry later. */
    UNAVAILABLE(true),
    /** It may have reached the router but the answer was lost; a repeat with the same key settles it. */
    UNKNOWN(true);

    private final boolean transientKind;

    Kind(boolean transientKind) {
      this.transientKind = transientKind;
    }

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Kind parse(String wire) {
      for (Kind k : values()) {
        if (k.wireName().equals(wire)) {
          return k;
        }
      }
      return ROUTER_REFUSED;
    }
  }

  private static ApplyResult refusedAgain(Kind kind, String reason) {
    return refused(kind, kind.wireName(), reason, null);
  }

  public static ApplyResult applied(String routerId) {
    return new ApplyResult(Kind.APPLIED, routerId, "ok", null, null);
  }

  public static ApplyResult refused(Kind kind, String type, String reason, Throwable failure) {
    return new ApplyResult(kind, null, type, reason, failure);
  }

  public boolean applied() {
    return kind == Kind.APPLIED;
  }

  /** Whether a retry later may succeed (the router was unreachable or the answer lost, not the request wrong). */
  public boolean isTransient() {
    return kind.transientKind;
  }

  OutcomeStore.Outcome toOutcome() {
    return new OutcomeStore.Outcome(applied() ? OutcomeStore.Status.APPLIED : OutcomeStore.Status.REFUSED,
        0, kind.wireName(), routerId, reason);
  }

  static ApplyResult fromOutcome(OutcomeStore.Outcome o) {
    return o.status() == OutcomeStore.Status.APPLIED ? applied(o.routerId())
        : refusedAgain(o.body() == null ? Kind.ROUTER_REFUSED : Kind.parse(o.body()), o.reason());
  }
}
