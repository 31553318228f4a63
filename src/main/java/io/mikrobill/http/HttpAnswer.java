package io.mikrobill.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** What the HTTP edge answers: a status, a JSON body (empty for 204) and, for 429 and 503, a Retry-After. */
record HttpAnswer(int status, String json, Integer retryAfterSeconds, boolean replayed) {

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
    return new HttpAnswer(a.status, a.json, e.retryAfterSeconds(), false);
  }

  static HttpAnswer error(Throwable failure) {
    return error(ErrorMapper.map(failure));
  }

  /**
   * Whether this answer binds its Idempotency-Key: success, or a refusal that a repeat would meet
   * again (404, 409). Bad input (400, 415, 422) leaves the key free for a corrected retry;
   * 429, 5xx and unknown outcomes leave it free for a later one.
   */
  boolean isFinal() {
    return status < 300 || status == 404 || status == 409;
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
