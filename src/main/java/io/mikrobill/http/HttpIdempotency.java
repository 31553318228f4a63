package io.mikrobill.http;

import io.mikrobill.billing.Digests;
import io.mikrobill.billing.OutcomeStore;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * {@code Idempotency-Key} on POSTs, as the payment APIs that defined it behave. A key is tied to
 * the digest of its request's body as soon as the request starts to run: a repeat with another
 * body is 422. A request that ran and was answered finally (applied, duplicate, refused by the
 * router) binds the key: a repeat gets the first answer (header {@code Idempotent-Replayed}) and
 * changes nothing. One whose outcome is open (429, 502, 503, unknown) keeps the key tied to its
 * body, so the same request sent again runs again and settles it. One refused before it ran (bad
 * input) frees the key for a corrected request. Answers are kept as {@code http-reply} rows of the
 * outcome store with the digest in the reason column; the request's own exactly-once claim is the
 * applier's.
 */
final class HttpIdempotency {

  static final String HEADER = "Idempotency-Key";
  private static final String SOURCE = "http-reply";
  private static final String DIGEST = "sha256:";

  private final OutcomeStore outcomes;

  HttpIdempotency(OutcomeStore outcomes) {
    this.outcomes = outcomes;
  }

  /** A POST's key: method, path and the client's key; null without the header and for other methods. */
  static String key(Exchange exchange) {
    String key = exchange.getMessage().getHeader(HEADER, String.class);
    if (key == null || key.isBlank() || !"POST".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
      return null;
    }
    if (key.length() > 200) {
      throw new HttpRefusal(400, "bad-request", "Idempotency-Key must be at most 200 characters");
    }
    // Keys are the sender's own: another principal using the same key and body gets its own
    // request, never the first one's answer (a voucher batch's codes, say).
    return Caller.of(exchange).principal().label() + " " + exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class)
        + " " + exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class) + " " + key;
  }

  /** The digest of what a request asks (its JSON body as parsed, so formatting does not matter). */
  static String digest(Map<String, Object> body) {
    try {
      return Digests.sha256Hex(HttpAnswer.JSON.writeValueAsString(new java.util.TreeMap<>(body)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot digest a request", e);
    }
  }


  /**
   * Starts a keyed request: its first final answer when there is one, empty when the request is to
   * run (the key now tied to {@code digest}); 422 when the key came with another request.
   */
  Optional<HttpAnswer> begin(String key, String digest) {
    return begin(key, digest, true);
  }

  /**
   * The same; with {@code repeatWhileOpen} false, a repeat while the first request is still open
   * (running, or its answer lost) is refused with 409 instead of running again: for requests that
   * a second run would not settle but repeat, such as a voucher batch.
   */
  Optional<HttpAnswer> begin(String key, String digest, boolean repeatWhileOpen) {
    if (key == null) {
      return Optional.empty();
    }
    Optional<OutcomeStore.Outcome> first = outcomes.claim(SOURCE, key, DIGEST + digest);
    if (first.isEmpty()) {
      return Optional.empty();
    }
    if (!(DIGEST + digest).equals(first.get().reason())) {
      throw new HttpRefusal(422, "idempotency-key-reused",
          "this Idempotency-Key was used with a different request; use a new key for a new request");
    }
    if (first.get().status() == OutcomeStore.Status.PENDING) {
      if (!repeatWhileOpen) {
        throw new HttpRefusal(409, "in-progress", "a request with this Idempotency-Key is still running (or its answer was"
            + " lost); ask again shortly for its answer, or send a new request with a new key");
      }
      return Optional.empty();
    }
    return Optional.of(new HttpAnswer(first.get().httpStatus(), first.get().body(), null, true));
  }

  /** Settles the key by its answer: kept as final, left tied to the body, or freed. */
  void finish(String key, String digest, HttpAnswer answer) {
    if (key == null) {
      return;
    }
    switch (answer.binding()) {
      case FINAL -> outcomes.complete(SOURCE, key, new OutcomeStore.Outcome(answer.status() < 400
          ? OutcomeStore.Status.APPLIED : OutcomeStore.Status.REFUSED, answer.status(), answer.json(), null, DIGEST + digest));
      case FREE -> outcomes.release(SOURCE, key);
      case OPEN -> { }
    }
  }
}
