package io.mikrobill.billing;

/** A request that ended refused (or unknown), thrown by a step that cannot return its result; edges map its result. */
public final class RefusedException extends RuntimeException {

  private final ApplyResult result;

  public RefusedException(ApplyResult result) {
    super(result.reason(), null, false, false);
    this.result = result;
  }

  public ApplyResult result() {
    return result;
  }
}
