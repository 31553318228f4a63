package io.mikrobill.http;

import io.mikrobill.billing.Action;
import io.mikrobill.billing.ApplyResult;
import io.mikrobill.billing.BillingRequest;
import io.mikrobill.billing.OutcomeStore;
import io.mikrobill.billing.RequestApplier;
import io.mikrobill.billing.RequestMeta;
import io.mikrobill.billing.Source;
import io.mikrobill.routeros.flow.Priority;
import io.mikrobill.voucher.VoucherApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The HTTP edge of the write operations: turns a request (JSON body, path and query values, the
 * Idempotency-Key) into one {@link BillingRequest}, hands it to the applier and maps the outcome
 * to a status and JSON. Routes call it as a bean; its methods return futures, so Camel completes
 * the exchange when the router answers and no thread waits meanwhile. It never throws: every
 * failure becomes the JSON error.
 */
public final class HttpApi {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpApi.class);

  private final RequestApplier applier;
  private final HttpIdempotency idempotency;
  private final VoucherApi vouchers;

  public HttpApi(RequestApplier applier, OutcomeStore outcomes, VoucherApi vouchers) {
    this.applier = applier;
    this.idempotency = new HttpIdempotency(outcomes);
    this.vouchers = vouchers;
  }

  /**
   * Route step of POST /api/vouchers: one batch per Idempotency-Key. 201 when every voucher was
   * created, 207 when some were, 502 when none was.
   */
  public CompletableFuture<String> vouchers(Exchange exchange) {
    return answer(exchange, () -> {
      Map<String, Object> body = JsonBody.read(exchange, true);
      // A second run would issue a second batch: a repeat while the first is open is refused.
      return idempotent(exchange, body, false, b -> {
        Map<String, Object> fields = new LinkedHashMap<>(b);
        Object priority = fields.remove("priority");
        Caller caller = Caller.of(exchange);
        caller.requireRouter(fields.get("router") == null ? "default" : String.valueOf(fields.get("router")));
        RequestMeta meta = RequestMeta.of(priority == null ? Priority.NORMAL : Priority.parse(String.valueOf(priority)))
            .withClient(caller.principal(), caller.address());
        return vouchers.create(fields, meta).thenApply(out -> {
          long created = ((Number) out.get("created")).longValue();
          long failed = ((Number) out.get("failed")).longValue();
          // The batch exists once generated: a repeat gets this summary, never a second batch.
          return HttpAnswer.of(failed == 0 ? 201 : created == 0 ? 502 : 207, out).bound(HttpAnswer.Binding.FINAL);
        });
      });
    });
  }

  /** Route step of a write ({@code createHotspotUser}, {@code disableUser}...): the response body. */
  public CompletableFuture<String> write(Exchange exchange, String actionName) {
    return write(exchange, actionName, null);
  }

  /** The same for a user action on one kind of user: {@code hotspot} or {@code pppoe}. */
  public CompletableFuture<String> write(Exchange exchange, String actionName, String type) {
    return answer(exchange, () -> {
      Action action = Action.parse(actionName);
      boolean needsBody = action.kind() == Action.Kind.CREATE || action.kind() == Action.Kind.UPDATE;
      Map<String, Object> fields = JsonBody.read(exchange, needsBody);
      if (type != null && (action.kind() == Action.Kind.BY_NAME || action.kind() == Action.Kind.SESSION)) {
        fields.put("type", type);
      }
      return idempotent(exchange, fields, body -> apply(exchange, action, body));
    });
  }

  /**
   * Runs {@code work} once per Idempotency-Key (POSTs only): a repeat gets the first final answer,
   * a repeat with another body is 422.
   */
  CompletableFuture<HttpAnswer> idempotent(Exchange exchange, Map<String, Object> body,
      Function<Map<String, Object>, CompletableFuture<HttpAnswer>> work) {
    return idempotent(exchange, body, true, work);
  }

  private CompletableFuture<HttpAnswer> idempotent(Exchange exchange, Map<String, Object> body, boolean repeatWhileOpen,
      Function<Map<String, Object>, CompletableFuture<HttpAnswer>> work) {
    String key = HttpIdempotency.key(exchange);
    String digest = key == null ? null : HttpIdempotency.digest(body);
    Optional<HttpAnswer> first = idempotency.begin(key, digest, repeatWhileOpen);
    if (first.isPresent()) {
      return CompletableFuture.completedFuture(first.get());
    }
    CompletableFuture<HttpAnswer> answer;
    try {
      answer = work.apply(body);
    } catch (RuntimeException refusedBeforeRunning) {
      idempotency.finish(key, digest, HttpAnswer.error(refusedBeforeRunning));
      throw refusedBeforeRunning;
    }
    return answer.exceptionally(HttpAnswer::error).thenApply(a -> {
      try {
        idempotency.finish(key, digest, a);
      } catch (RuntimeException e) {
        LOG.warn("http key=\"{}\" answered status={} but its Idempotency-Key was not recorded: {}", key, a.status(), e.toString());
      }
      return a;
    });
  }

  private CompletableFuture<HttpAnswer> apply(Exchange exchange, Action action, Map<String, Object> body) {
    Message m = exchange.getMessage();
    Map<String, Object> fields = new LinkedHashMap<>(body);
    RequestMeta meta = meta(fields, exchange);
    if (action.kind() != Action.Kind.CREATE) {
      PathValues.after(exchange, action.isPpp(fields) ? "secrets" : "users").ifPresent(u -> fields.put("username", u));
      PathValues.after(exchange, "sessions").ifPresent(id -> fields.put("id", id));
    }
    Optional.ofNullable(m.getHeader("type", String.class)).ifPresent(t -> fields.putIfAbsent("type", t));
    Optional.ofNullable(m.getHeader("router", String.class)).ifPresent(r -> fields.putIfAbsent("router", r));
    BillingRequest request = new BillingRequest(Source.HTTP, HttpIdempotency.key(exchange), action.wireName(), fields, meta);
    Caller.of(exchange).requireRouter(request.router());
    return applier.apply(request).thenApply(r -> {
      if (r.failure() != null) {
        noteAttack(exchange, r.failure());
      }
      return answer(action, request, r);
    });
  }

  /** Metadata the body may carry besides router fields (priority, price, requestId), and who sent it from where. */
  static RequestMeta meta(Map<String, Object> fields, Exchange exchange) {
    Caller caller = Caller.of(exchange);
    return RequestMeta.takeFrom(fields, Priority.NORMAL).withClient(caller.principal(), caller.address());
  }

  /** A request the attack detector refused counts against its sender's address (ENABLE_ATTACK_DETECTION). */
  static void noteAttack(Exchange exchange, Throwable failure) {
    if (io.mikrobill.billing.Refusals.cause(failure) instanceof io.mikrobill.validation.ValidationException v
        && v.codes().contains(io.mikrobill.validation.FieldError.SECURITY)) {
      Caller.find(exchange).ifPresent(Caller::attacked);
    }
  }


  private static HttpAnswer answer(Action action, BillingRequest request, ApplyResult r) {
    if (!r.applied()) {
      HttpAnswer.Binding binding = switch (r.kind()) {
        case VALIDATION -> HttpAnswer.Binding.FREE;
        case UNAVAILABLE, UNKNOWN -> HttpAnswer.Binding.OPEN;
        default -> HttpAnswer.Binding.FINAL;
      };
      return HttpAnswer.error(ErrorMapper.fromResult(r)).bound(binding);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (action.kind() == Action.Kind.CREATE) {
      out.put("id", r.routerId());
      out.put("username", request.fields().get("username"));
      out.put("router", request.router());
      return HttpAnswer.of(201, out);
    }
    if (action == Action.REMOVE_USER || action == Action.DISCONNECT_SESSION) {
      return new HttpAnswer(204, "", null, false);
    }
    out.put("status", "ok");
    out.put("action", action.wireName());
    if (request.fields().get("username") != null) {
      out.put("username", request.fields().get("username"));
    }
    out.put("router", request.router());
    return HttpAnswer.of(200, out);
  }



  /** Runs {@code work} and writes its answer, or the error of whatever it threw, to the exchange. */
  static CompletableFuture<String> answer(Exchange exchange, Work work) {
    CompletableFuture<HttpAnswer> f;
    try {
      f = work.run();
    } catch (RuntimeException e) {
      f = CompletableFuture.completedFuture(HttpAnswer.error(e));
    }
    return f.exceptionally(t -> {
      noteAttack(exchange, t);
      return HttpAnswer.error(t);
    }).thenApply(a -> a.writeTo(exchange));
  }

  /** Work of one request. */
  @FunctionalInterface
  interface Work {
    CompletableFuture<HttpAnswer> run();
  }
}
