package io.mikrobill.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What the HTTP edge answers: a status, a JSON body (empty for 204) and, for 429 and 503, a
 * Retry-After; and what the answer does to its Idempotency-Key.
 */
record HttpAnswer(int status, String json, Integer retryAfterSeconds, boolean replayed, Binding binding) {

  /** What an answer does to its Idempotency-Key. */
  enum Binding {
    /** The request ran and its answer is final: a repeat gets it again. */
    FINAL,
    /** The request may have run but its outcome is open (router unavailable, answer lost): a repeat with the same body runs again. */
    OPEN,
    /** The request was refused before it ran (bad input): the key is free for a corrected request. */
    FREE
  }

  HttpAnswer(int status, String json, Integer retryAfterSeconds, boolean replayed) {
    this(status, json, retryAfterSeconds, replayed, status < 300 ? Binding.FINAL : Binding.FREE);
  }

  HttpAnswer bound(Binding b) {
    return new HttpAnswer(status, json, retryAfterSeconds, replayed, b);
  }

  static final ObjectMapper JSON = new ObjectMapper();

  static HttpAnswer of(int status, Object body) {
    try {
      return new HttpAnswer(status, body == null ? "" : JSON.writeValueAsString(body), null, false);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON answer", e);
    }
  }

  static HttpAnswer error(ErrorResponse e) {
    HttpAnswer a = of(e.status(), e.toJson());
    Binding b = e.status() == 429 || e.status() >= 500 ? Binding.OPEN : Binding.FREE;
    return new HttpAnswer(a.status, a.json, e.retryAfterSeconds(), false, b);
  }

  static HttpAnswer error(Throwable failure) {
    return error(ErrorMapper.map(failure));
  }

  /** Sets the status and headers on the exchange and returns the body. */
  String writeTo(Exchange exchange) {
    Message m = exchange.getMessage();
    m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    if (!json.isEmpty()) {
      m.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }
    if (retryAfterSeconds != null) {
      m.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }
    if (replayed) {
      m.setHeader("Idempotent-Replayed", "true");
    }
    return json;
  }
}
