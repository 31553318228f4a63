package io.mikrobill.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mikrobill.billing.ApplyResult;
import io.mikrobill.billing.Refusals;
import io.mikrobill.persistence.InvalidValueException;
import io.mikrobill.routeros.RateLimitExceededException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.validation.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.TypeConversionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps how a request ended to the status and enhanced error its sender sees: 400 bad input, 404
 * missing item, 409 duplicate, 415 wrong content type, 422 a key reused with another body, 429
 * queue full, 502 router answer lost or garbled, 503 (with Retry-After) router unreachable or its
 * circuit open, 500 otherwise. The only place that knows HTTP statuses.
 *
 * <p>No stack trace, class name, SQL, file path or secret ever leaves: every error passes {@link
 * #disclosed} on its way out. An unexpected failure (500) is answered with a reference and logged
 * under it with its stack trace; a message that shows internal details ({@link InternalDetails})
 * is replaced by a general one and logged, one line, under a reference. Other refusals of a
 * client's request are not logged here at all.
 */
final class ErrorMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  /** Failures logged under a reference, by identity (Throwable keeps Object's equals), while anyone holds them. */
  private static final Map<Throwable, String> LOGGED = Collections.synchronizedMap(new WeakHashMap<>());
  private static final List<String> DOCUMENTED_FORM = List.of("Send JSON with the documented fields (see /api/openapi.json)");

  private ErrorMapper() {}

  public static ErrorResponse map(Throwable failure) {
    Throwable t = Refusals.cause(failure);
    if (t instanceof io.mikrobill.security.AccessDenied d) {
      return new ErrorResponse(d.status(), d.type(), d.getMessage(), d.status() == 403 ? "medium" : "low",
          List.of(d.suggestion()), null, d.retryAfterSeconds());
    }
    if (t instanceof HttpRefusal h) {
      return disclosed(new ErrorResponse(h.status(), h.type(), h.getMessage(), "low", DOCUMENTED_FORM, null, null), failure);
    }
    if (t instanceof JsonProcessingException || t instanceof InvalidPayloadException || t instanceof TypeConversionException
        || t instanceof NumberFormatException) {
      return new ErrorResponse(400, "bad-request", "the body or a parameter is not in the documented form", "low",
          DOCUMENTED_FORM, null, null);
    }
    if (t instanceof InvalidValueException v) {
      // Refused before reaching the database; the message names the value (a page's limit, say).
      return disclosed(new ErrorResponse(400, "bad-request", v.getMessage(), "low", DOCUMENTED_FORM, null, null), failure);
    }
    return fromResult(Refusals.classify(failure));
  }

  /** The error of a refused (or unknown) request. */
  public static ErrorResponse fromResult(ApplyResult r) {
    return disclosed(error(r), r.failure());
  }

  private static ErrorResponse error(ApplyResult r) {
    Throwable t = r.failure() == null ? null : Refusals.cause(r.failure());
    return switch (r.kind()) {
      case VALIDATION -> {
        if (t instanceof ValidationException v) {
          List<Map<String, String>> fields = new ArrayList<>();
          v.errors().forEach(e -> fields.add(Map.of("field", e.field(), "code", e.code(), "message", e.message())));
          yield new ErrorResponse(400, "validation", v.getMessage(), "low", v.recoverySuggestions(), fields, null);
        }
        yield new ErrorResponse(400, r.type() == null ? "bad-request" : r.type(), r.reason(), "low", DOCUMENTED_FORM, null, null);
      }
      case NOT_FOUND -> new ErrorResponse(404, "not-found", r.reason(), "low", List.of("Check the name or id"), null, null);
      case DUPLICATE -> new ErrorResponse(409, "duplicate", r.reason(), "low",
          List.of("An item with this name exists on the router already; choose another name"), null, null);
      case ROUTER_REFUSED -> t instanceof RouterOsTrapException trap ? from(400, trap, null)
          : new ErrorResponse(400, "trap", r.reason(), "medium", List.of("Check the request against the router's rules"), null, null);
      case UNAVAILABLE -> unavailable(r, t);
      case UNKNOWN -> "internal".equals(r.type())
          ? new ErrorResponse(500, "internal", "internal error; see the server log", "high",
              List.of("Retry; if it persists, report it with the reference"), null, null)
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
    if (t instanceof RateLimitExceededException rl) {
      return from(429, rl, 1);
    }
    if (t instanceof RouterOsException ros) {
      return new ErrorResponse(503, "unavailable", ros.getMessage(), ros.severity().name().toLowerCase(Locale.ROOT),
          ros.recoverySuggestions(), null, 5);
    }
    return new ErrorResponse(503, "unavailable", r.reason(), "high", List.of("Retry after the delay given"), null, 5);
  }

  /**
   * The error as it may leave: an unexpected failure gets a reference under which it is logged
   * with its stack trace; a message or field message that shows internal details is replaced by a
   * general one and the original logged (one line) under a reference.
   */
  static ErrorResponse disclosed(ErrorResponse e, Throwable failure) {
    if (e.status() == 500 && "internal".equals(e.type())) {
      String reference = reference(failure);
      if (reference == null) {
        reference = logged(failure);
        LOG.error("http error reference={} status=500 failure=\"{}\"", reference, failure, failure);
      }
      return new ErrorResponse(500, "internal", "internal error; see the server log under reference " + reference, e.severity(),
          e.recoverySuggestions(), null, e.retryAfterSeconds(), reference);
    }
    boolean fieldShowsDetails = e.fieldErrors() != null
        && e.fieldErrors().stream().anyMatch(f -> InternalDetails.shownIn(f.get("message")));
    if (!InternalDetails.shownIn(e.message()) && !fieldShowsDetails) {
      return e;
    }
    String reference = reference(failure);
    if (reference == null) {
      reference = logged(failure);
      LOG.warn("http error reference={} status={} type={} message hidden from the client: \"{}\"", reference, e.status(), e.type(),
          e.message());
    }
    String general = e.status() < 500
        ? "the request was refused: a value is not in the documented form (reference " + reference + ")"
        : "the request failed; see the server log under reference " + reference;
    List<Map<String, String>> fields = null;
    if (e.fieldErrors() != null) {
      fields = new ArrayList<>();
      for (Map<String, String> f : e.fieldErrors()) {
        Map<String, String> copy = new LinkedHashMap<>(f);
        if (InternalDetails.shownIn(f.get("message"))) {
          copy.put("message", f.get("field") + " is not in the documented form");
        }
        fields.add(copy);
      }
    }
    return new ErrorResponse(e.status(), e.type(), general, e.severity(), e.recoverySuggestions(), fields, e.retryAfterSeconds(),
        reference);
  }

  /** The reference under which {@code failure} was logged already (an error is mapped again to answer a repeat), or null. */
  private static String reference(Throwable failure) {
    return failure == null ? null : LOGGED.get(failure);
  }

  /** A new short random name for one log line, remembered for {@code failure}: enough to find it, nothing to learn from it. */
  private static String logged(Throwable failure) {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    String reference = HexFormat.of().formatHex(b);
    if (failure != null) {
      LOGGED.put(failure, reference);
    }
    return reference;
  }

  private static ErrorResponse from(int status, RouterOsException e, Integer retryAfter) {
    return new ErrorResponse(status, e.type().wireName(), e.getMessage(), e.severity().name().toLowerCase(Locale.ROOT),
        e.recoverySuggestions(), null, retryAfter);
  }
}
