package io.mikrobill.http;

import io.mikrobill.billing.ApplyResult;
import io.mikrobill.billing.Refusals;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps how a request ended to the status and enhanced error its sender sees: 400 bad input, 404
 * missing item, 409 duplicate, 415 wrong content type, 422 a key reused with another body, 429
 * queue full, 502 router answer lost or garbled, 503 (with Retry-After) router unreachable or its
 * circuit open, 500 otherwise. The only place that knows HTTP statuses. No stack trace, class
 * name or secret ever leaves.
 */
final class ErrorMapper {

  private ErrorMapper() {}

  public static ErrorResponse map(Throwable failure) {
    Throwable t = Refusals.cause(failure);
    if (t instanceof io.mikrobill.security.AccessDenied d) {
      return new ErrorResponse(d.status(), d.type(), d.getMessage(), d.status() == 403 ? "medium" : "low",
          List.of(d.suggestion()), null, d.retryAfterSeconds());
    }
    if (t instanceof HttpRefusal h) {
      return new ErrorResponse(h.status(), h.type(), h.getMessage(), "low",
          List.of("Send JSON with the documented fields (see /api/openapi.json)"), null, null);
    }
    if (t instanceof com.fasterxml.jackson.core.JsonProcessingException || t instanceof org.apache.camel.InvalidPayloadException
        || t instanceof org.apache.camel.TypeConversionException) {
      return new ErrorResponse(400, "bad-request", "the body or a parameter is not in the documented form", "low",
          List.of("Send JSON with the documented fields (see /api/openapi.json)"), null, null);
    }
    return fromResult(Refusals.classify(failure));
  }

  /** The error of a refused (or unknown) request. */
  public static ErrorResponse fromResult(ApplyResult r) {
    Throwable t = r.failure() == null ? null : Refusals.cause(r.failure());
    return switch (r.kind()) {
      case VALIDATION -> {
        if (t instanceof ValidationException v) {
          List<Map<String, String>> fields = new ArrayList<>();
          v.errors().forEach(e -> fields.add(Map.of("field", e.field(), "code", e.code(), "message", e.message())));
          yield new ErrorResponse(400, "validation", v.getMessage(), "low", v.recoverySuggestions(), fields, null);
        }
        yield new ErrorResponse(400, r.type() == null ? "bad-request" : r.type(), r.reason(), "low",
            List.of("Send JSON with the documented fields (see /api/openapi.json)"), null, null);
      }
      case NOT_FOUND -> new ErrorResponse(404, "not-found", r.reason(), "low", List.of("Check the name or id"), null, null);
      case DUPLICATE -> new ErrorResponse(409, "duplicate", r.reason(), "low",
          List.of("An item with this name exists on the router already; choose another name"), null, null);
      case ROUTER_REFUSED -> t instanceof RouterOsTrapException trap ? from(400, trap, null)
          : new ErrorResponse(400, "trap", r.reason(), "medium", List.of("Check the request against the router's rules"), null, null);
      case UNAVAILABLE -> unavailable(r, t);
      case UNKNOWN -> "internal".equals(r.type())
          ? new ErrorResponse(500, "internal", "internal error; see the server log", "high",
              List.of("Retry; if it persists, report it with the time of the request"), null, null)
          : t instanceof RouterOsException ros ? from(502, ros, null)
          : new ErrorResponse(502, r.type(), r.reason(), "high",
              List.of("The router's answer was lost; send the same request with the same Idempotency-Key to settle it"), null, null);
      case APPLIED -> throw new IllegalArgumentException("an applied request has no error");
    };
  }

  private static ErrorResponse unavailable(ApplyResult r, Throwable t) {
    if ("circuit-open".equals(r.type())) {
      return new ErrorResponse(503, "circuit-open", r.reason(), "high",
          List.of("The router failed repeatedly; requests are refused until it recovers", "Retry after the delay given"),
          null, 30);
    }
    if (t instanceof io.mikrobill.routeros.RateLimitExceededException rl) {
      return from(429, rl, 1);
    }
    if (t instanceof RouterOsException ros) {
      return new ErrorResponse(503, "unavailable", ros.getMessage(), ros.severity().name().toLowerCase(Locale.ROOT),
          ros.recoverySuggestions(), null, 5);
    }
    return new ErrorResponse(503, "unavailable", r.reason(), "high", List.of("Retry after the delay given"), null, 5);
  }

  private static ErrorResponse from(int status, RouterOsException e, Integer retryAfter) {
    return new ErrorResponse(status, e.type().wireName(), e.getMessage(), e.severity().name().toLowerCase(Locale.ROOT),
        e.recoverySuggestions(), null, retryAfter);
  }
}
