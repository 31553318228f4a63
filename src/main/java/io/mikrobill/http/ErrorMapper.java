package io.mikrobill.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mikrobill.routeros.RateLimitExceededException;
import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsTrapException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Maps any failure of a request to the status and enhanced error its sender sees: 400 bad input,
 * 404 missing item, 409 duplicate, 429 queue full, 503 (with Retry-After) when the router is
 * unreachable or its circuit is open, 500 otherwise. No stack trace and no secret ever leaves.
 */
public final class ErrorMapper {

  private ErrorMapper() {}

  public static ErrorResponse map(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof io.mikrobill.validation.ValidationException v) {
      List<Map<String, String>> fields = new ArrayList<>();
      v.errors().forEach(e -> fields.add(Map.of("field", e.field(), "code", e.code(), "message", e.message())));
      return new ErrorResponse(400, "validation", v.getMessage(), "low", v.recoverySuggestions(), fields, null);
    }
    if (t instanceof io.mikrobill.billing.BillingService.NotFoundException nf) {
      return new ErrorResponse(404, "not-found", nf.getMessage(), "low", List.of("Check the name or id"), null, null);
    }
    if (t instanceof CallNotPermittedException) {
      return new ErrorResponse(503, "circuit-open", "the router's circuit breaker is open: " + t.getMessage(), "high",
          List.of("The router failed repeatedly; requests are refused until it recovers", "Retry after the delay given"),
          null, 30);
    }
    if (t instanceof RouterOsTrapException trap) {
      String m = trap.routerMessage() == null ? "" : trap.routerMessage().toLowerCase(Locale.ROOT);
      int status = m.contains("already have") || m.contains("already exists") || m.contains("same name") ? 409
          : m.contains("no such item") || trap.category() == 0 ? 404
          : 400;
      return from(status, trap, null);
    }
    if (t instanceof RateLimitExceededException r) {
      return from(429, r, 1);
    }
    if (t instanceof RouterOsException r) {
      return from(r.isTransient() ? 503 : 502, r, r.isTransient() ? 5 : null);
    }
    if (t instanceof IllegalArgumentException || t instanceof com.fasterxml.jackson.core.JsonProcessingException
        || t instanceof org.apache.camel.InvalidPayloadException || t instanceof org.apache.camel.TypeConversionException) {
      return new ErrorResponse(400, "bad-request", firstLine(t.getMessage()), "low",
          List.of("Send JSON with the documented fields (see /api/openapi.json)"), null, null);
    }
    return new ErrorResponse(500, "internal", "internal error (" + t.getClass().getSimpleName() + "); see the server log",
        "high", List.of("Retry; if it persists, report it with the time of the request"), null, null);
  }

  private static ErrorResponse from(int status, RouterOsException e, Integer retryAfter) {
    return new ErrorResponse(status, e.type().wireName(), e.getMessage(), e.severity().name().toLowerCase(Locale.ROOT),
        e.recoverySuggestions(), null, retryAfter);
  }

  /** The meaningful failure: the first of our own or resilience4j's in the cause chain, else the outermost. */
  static Throwable unwrap(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RouterOsException || c instanceof io.mikrobill.validation.ValidationException
          || c instanceof CallNotPermittedException || c instanceof io.mikrobill.billing.BillingService.NotFoundException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof org.apache.camel.RuntimeCamelException
        || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "bad request";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
