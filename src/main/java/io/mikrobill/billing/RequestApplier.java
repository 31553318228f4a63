package io.mikrobill.billing;

import io.mikrobill.camel.RouterOsConstants;
import io.mikrobill.http.ErrorMapper;
import io.mikrobill.http.ErrorResponse;
import io.mikrobill.routeros.RouterOsTrapException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Applies one request exactly once, for the sources that may repeat it (CSV rows, JMS messages):
 * the key is claimed in the outcome store first; a settled key returns its first outcome and
 * changes nothing; a key left PENDING by a crash is applied again, and a create that finds its
 * user already there, or a remove that finds it gone, counts as applied (the earlier attempt
 * reached the router). The request travels {@code direct:apply}: validation already done, then
 * limiter, queue and breaker in the routeros-sink kamelet.
 */
public final class RequestApplier {

  private final CamelContext context;
  private final BillingService billing;
  private final OutcomeStore outcomes;
  private final ProducerTemplate template;

  public RequestApplier(CamelContext context, BillingService billing, OutcomeStore outcomes) {
    this.context = context;
    this.billing = billing;
    this.outcomes = outcomes;
    this.template = context.createProducerTemplate();
  }

  /** Applies {@code action} with {@code fields} once for (source, key). Transient failures leave the key PENDING. */
  public CompletableFuture<ApplyResult> apply(String source, String key, String action, Map<String, Object> fields) {
    Optional<OutcomeStore.Outcome> earlier = outcomes.claim(source, key);
    if (earlier.isPresent() && earlier.get().status() != OutcomeStore.Status.PENDING) {
      return CompletableFuture.completedFuture(ApplyResult.fromOutcome(earlier.get()));
    }
    boolean repairing = earlier.isPresent();
    BillingService.Prepared prepared;
    try {
      prepared = billing.prepare(action, fields, source);
    } catch (RuntimeException invalid) {
      ErrorResponse e = ErrorMapper.map(invalid);
      ApplyResult refused = ApplyResult.refused(e.status(), e.type(), e.message());
      outcomes.complete(source, key, refused.toOutcome());
      return CompletableFuture.completedFuture(refused);
    }
    Exchange exchange = new DefaultExchange(context);
    prepared.applyTo(exchange);
    return template.asyncSend("direct:apply", exchange).thenApply(done -> {
      ApplyResult result = resultOf(done, prepared, repairing);
      if (!result.isTransient()) {
        outcomes.complete(source, key, result.toOutcome());
      }
      return result;
    });
  }

  private static ApplyResult resultOf(Exchange done, BillingService.Prepared prepared, boolean repairing) {
    Exception failure = done.getException();
    if (failure == null) {
      return ApplyResult.applied(done.getMessage().getHeader(RouterOsConstants.RET, String.class));
    }
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof RouterOsTrapException)) {
      cause = cause.getCause();
    }
    if (repairing && cause instanceof RouterOsTrapException trap && reachedRouterBefore(prepared.action(), trap)) {
      return ApplyResult.applied(null);
    }
    ErrorResponse e = ErrorMapper.map(failure);
    return ApplyResult.refused(e.status(), e.type(), e.message());
  }

  /** The trap a repeat gets when the earlier attempt was applied: the user exists, or is gone. */
  static boolean reachedRouterBefore(Action action, RouterOsTrapException trap) {
    String m = String.valueOf(trap.routerMessage()).toLowerCase(Locale.ROOT);
    return switch (action.kind()) {
      case CREATE -> m.contains("already have") || m.contains("already exists");
      case BY_NAME, SESSION -> action == Action.REMOVE_USER || action == Action.DISCONNECT_SESSION ? m.contains("no such item") : false;
      case UPDATE -> false;
    };
  }
}
