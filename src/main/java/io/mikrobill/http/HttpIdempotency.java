package io.mikrobill.http;

import io.mikrobill.billing.OutcomeStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * {@code Idempotency-Key} on POSTs, as the payment APIs that defined it behave: a repeat with the
 * same body gets the first final answer again (header {@code Idempotent-Replayed}) and changes
 * nothing; a repeat with another body is 422. Only a final answer binds a key: a validation
 * failure, a 429, 502, 503 or an unknown outcome leaves it free, so a corrected or later retry is
 * processed. Answers are kept as {@code http-reply} rows of the outcome store, the request's
 * digest in the reason column; the request's own exactly-once claim is the applier's.
 */
final class HttpIdempotency {

  static final String HEADER = "Idempotency-Key";
  private static final String SOURCE = "http-reply";
  private static final String DIGEST = "sha256:";

  private final OutcomeStore outcomes;

  HttpIdempotency(OutcomeStore outcomes) {
    this.outcomes = outcomes;
  }

  /** A request's key: method, path and the client's key; null without the header. */
  static String key(Exchange exchange) {
    String key = exchange.getMessage().getHeader(HEADER, String.class);
    if (key == null || key.isBlank()) {
      return null;
    }
    if (key.length() > 200) {
      throw new HttpRefusal(400, "bad-request", "Idempotency-Key must be at most 200 characters");
    }
    return exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class) + " "
        + exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class) + " " + key;
  }

  /** The digest of what a request asks (its JSON body as parsed, so formatting does not matter). */
  static String digest(Map<String, Object> body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          HttpAnswer.JSON.writeValueAsString(new java.util.TreeMap<>(body)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot digest a request", e);
    }
  }

  /** The first answer under the key; 422 when the key came with another request. */
  Optional<HttpAnswer> replay(String key, String digest) {
    if (key == null) {
      return Optional.empty();
    }
    Optional<OutcomeStore.Outcome> first = outcomes.find(SOURCE, key);
    if (first.isEmpty() || first.get().status() == OutcomeStore.Status.PENDING) {
      return Optional.empty();
    }
    if (!(DIGEST + digest).equals(first.get().reason())) {
      throw new HttpRefusal(422, "idempotency-key-reused",
          "this Idempotency-Key was used with a different request; use a new key for a new request");
    }
    return Optional.of(new HttpAnswer(first.get().httpStatus(), first.get().body(), null, true));
  }

  /** Keeps a final answer under the key. */
  void remember(String key, String digest, HttpAnswer answer) {
    if (key == null || !answer.isFinal()) {
      return;
    }
    if (outcomes.claim(SOURCE, key).isEmpty()) {
      outcomes.complete(SOURCE, key, new OutcomeStore.Outcome(answer.status() < 400 ? OutcomeStore.Status.APPLIED
          : OutcomeStore.Status.REFUSED, answer.status(), answer.json(), null, DIGEST + digest));
    }
  }
}
