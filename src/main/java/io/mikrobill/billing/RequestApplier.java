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

  /**
   * Settles a request whose router stayed unreachable through every retry. An attempt that timed
   * out may still have been applied, so a create is looked up on the router first: found, it
   * counts as applied; missing, it is refused with the reason. When even the look-up fails, the
   * outcome is unknown: the key stays open (a repeat of the same request settles it) and the
   * answer says so.
   */
  public CompletableFuture<ApplyResult> giveUp(String source, String key, String action, Map<String, Object> fields,
      ApplyResult last) {
    BillingService.Prepared prepared;
    try {
      prepared = billing.prepare(action, fields, source);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(last);
    }
    if (prepared.action().kind() != Action.Kind.CREATE) {
      ApplyResult refused = ApplyResult.refused(last.status(), last.type(),
          "router unreachable after every retry; the change may or may not have been applied: " + last.reason());
      return CompletableFuture.completedFuture(refused);
    }
    Exchange read = new DefaultExchange(context);
    String menu = prepared.command().menu();
    read.getMessage().setHeader(RouterOsConstants.ROUTER, prepared.router());
    read.getMessage().setHeader(BillingService.COMMAND_PATH, menu.substring(1) + "/print");
    read.getMessage().setHeader(RouterOsConstants.WORDS,
        java.util.List.of("?name=" + prepared.fields().get("username"), "=.proplist=.id"));
    read.getMessage().setHeader(RouterOsConstants.USE_CACHE, false);
    return template.asyncSend("direct:read", read).thenApply(done -> {
      if (done.getException() != null) {
        return ApplyResult.refused(last.status(), last.type(), "outcome unknown: the router stayed unreachable"
            + " (an attempt may have been applied); send the same request again to settle it: " + last.reason());
      }
      java.util.List<?> rows = done.getMessage().getBody(java.util.List.class);
      ApplyResult settled = rows != null && !rows.isEmpty()
          ? ApplyResult.applied(String.valueOf(((Map<?, ?>) rows.get(0)).get(".id")))
          : ApplyResult.refused(last.status(), last.type(), "router unreachable after every retry: " + last.reason());
      outcomes.complete(source, key, settled.toOutcome());
      return settled;
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
