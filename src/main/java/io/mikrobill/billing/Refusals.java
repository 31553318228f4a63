package io.mikrobill.billing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mikrobill.routeros.Failures;
import io.mikrobill.routeros.RateLimitExceededException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.validation.ValidationException;
import java.util.Locale;

/**
 * Classifies a failure into the kind of ending its sender sees. The one place that knows which
 * router messages mean "duplicate" and "not found", so every source and the catalogue agree.
 */
public final class Refusals {

  private Refusals() {}

  /** The ending of a request that failed with {@code failure}. */
  public static ApplyResult classify(Throwable failure) {
    Throwable t = cause(failure);
    if (t instanceof RefusedException r) {
      return r.result();
    }
    if (t instanceof ValidationException v) {
      return ApplyResult.refused(ApplyResult.Kind.VALIDATION, ValidationException.TYPE, v.getMessage(), t);
    }
    if (t instanceof NotFoundException nf) {
      return ApplyResult.refused(ApplyResult.Kind.NOT_FOUND, "not-found", nf.getMessage(), t);
    }
    if (t instanceof CallNotPermittedException) {
      return ApplyResult.refused(ApplyResult.Kind.UNAVAILABLE, "circuit-open",
          "the router's circuit breaker is open: " + t.getMessage(), t);
    }
    if (t instanceof RouterOsTrapException trap) {
      ApplyResult.Kind kind = isDuplicate(trap) ? ApplyResult.Kind.DUPLICATE
          : isNotFound(trap) ? ApplyResult.Kind.NOT_FOUND : ApplyResult.Kind.ROUTER_REFUSED;
      return ApplyResult.refused(kind, kind == ApplyResult.Kind.DUPLICATE ? "duplicate"
          : kind == ApplyResult.Kind.NOT_FOUND ? "not-found" : trap.type().wireName(), trap.getMessage(), t);
    }
    if (t instanceof RateLimitExceededException r) {
      return ApplyResult.refused(ApplyResult.Kind.UNAVAILABLE, r.type().wireName(), r.getMessage(), t);
    }
    if (t instanceof RouterOsException r) {
      // A connection that never carried the command is unavailable; a reply that was lost or
      // garbled after the command was sent leaves the outcome unknown. Either way a retry with the
      // same key settles it, so neither binds the key.
      return ApplyResult.refused(r.isTransient() ? ApplyResult.Kind.UNAVAILABLE : ApplyResult.Kind.UNKNOWN,
          r.type().wireName(), r.getMessage(), t);
    }
    if (t instanceof IllegalArgumentException) {
      return ApplyResult.refused(ApplyResult.Kind.VALIDATION, "bad-request", firstLine(t.getMessage()), t);
    }
    return ApplyResult.refused(ApplyResult.Kind.UNKNOWN, "internal", "internal error; see the server log", t);
  }

  static boolean isDuplicate(RouterOsTrapException trap) {
    String m = message(trap);
    return m.contains("already have") || m.contains("already exists") || m.contains("same name");
  }

  static boolean isNotFound(RouterOsTrapException trap) {
    return message(trap).contains("no such item");
  }

  /** The meaningful failure: the first of our own or resilience4j's in the cause chain, else the outermost unwrapped. */
  public static Throwable cause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RouterOsException || c instanceof ValidationException || c instanceof CallNotPermittedException
          || c instanceof NotFoundException || c instanceof RefusedException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    Throwable c = Failures.unwrap(t);
    while (c instanceof org.apache.camel.RuntimeCamelException && c.getCause() != null) {
      c = Failures.unwrap(c.getCause());
    }
    return c;
  }

  private static String message(RouterOsTrapException trap) {
    return trap.routerMessage() == null ? "" : trap.routerMessage().toLowerCase(Locale.ROOT);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "bad request";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
