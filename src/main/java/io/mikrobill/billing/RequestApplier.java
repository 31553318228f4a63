package io.mikrobill.billing;

import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.router.RouterRequest;
import io.mikrobill.validation.RequestValidator;
import io.mikrobill.validation.ValidatedRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one {@link BillingRequest} from any source, exactly once, without Camel: validate (a
 * refusal here never binds the key, so a corrected retry is processed), claim the key (a settled
 * key returns its first outcome and changes nothing), build the command, call the router's door
 * and classify the ending.
 *
 * <p>Every item a create makes carries the request's mark in its comment ({@link RequestMark}).
 * When a create meets "already have" (its answer was lost and this is the retry, a crash came
 * between the router's {@code !done} and the outcome's write, or another instance raced it) the
 * item is looked up: with our mark it is our own earlier attempt, applied; without, someone
 * else's, a duplicate. Transient endings (router unavailable, answer unknown) leave the key open.
 */
public final class RequestApplier {

  private static final Logger LOG = LoggerFactory.getLogger(RequestApplier.class);

  private final RouterRegistry routers;
  private final RequestValidator validator;
  private final ProfileDirectory profiles;
  private final OutcomeStore outcomes;
  private final Executor bookkeeping;

  public RequestApplier(RouterRegistry routers, RequestValidator validator, ProfileDirectory profiles, OutcomeStore outcomes) {
    this.routers = routers;
    this.validator = validator;
    this.profiles = profiles;
    this.outcomes = outcomes;
    this.bookkeeping = BOOKKEEPING;
  }

  /**
   * Where outcomes are written once the router answered: never on the router's I/O threads, which
   * a slow database would stall for every router. The callers' own steps after an outcome (the
   * voucher ledger, CSV result rows) run here too.
   */
  private static final Executor BOOKKEEPING = Executors.newFixedThreadPool(4, new ThreadFactory() {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "outcomes-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  /** A validated request with its command and router. */
  record Prepared(BillingRequest request, Action action, Router router, Map<String, String> fields, Command command) {}

  /** Applies the request once for its (source, key). */
  public CompletableFuture<ApplyResult> apply(BillingRequest request) {
    Prepared p;
    Optional<OutcomeStore.Outcome> earlier;
    try {
      p = prepare(request);
      earlier = request.keyed() ? outcomes.claim(request.source().wireName(), request.key()) : Optional.empty();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Refusals.classify(e));
    }
    if (earlier.isPresent() && earlier.get().status() != OutcomeStore.Status.PENDING) {
      return CompletableFuture.completedFuture(ApplyResult.fromOutcome(earlier.get()));
    }
    boolean repairing = earlier.isPresent();
    return execute(p).thenCompose(r -> settle(p, r, repairing)).thenApplyAsync(r -> record(p, r), bookkeeping);
  }

  /**
   * Settles a request whose router stayed unreachable through every retry: a create is looked up
   * on the router (ours there: applied; someone else's: duplicate). Missing, it is refused with
   * the last reason but the key stays open, as when even the look-up fails (outcome unknown): a
   * repeat of the request is processed.
   */
  public CompletableFuture<ApplyResult> giveUp(BillingRequest request, ApplyResult last) {
    Prepared p;
    try {
      p = prepare(request);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(last);
    }
    if (p.action().kind() != Action.Kind.CREATE) {
      return CompletableFuture.completedFuture(ApplyResult.refused(last.kind(), last.type(),
          "router unreachable after every retry; the change may or may not have been applied: " + last.reason(), null));
    }
    return findOwn(p).handleAsync((found, e) -> {
      if (e != null) {
        return ApplyResult.refused(ApplyResult.Kind.UNKNOWN, last.type(), "outcome unknown: the router stayed unreachable"
            + " (an attempt may have been applied); send the same request again to settle it: " + last.reason(), null);
      }
      if (!found.applied() && found.kind() != ApplyResult.Kind.DUPLICATE) {
        // Not there: it was never applied, and may still be. Not a final answer: the key stays open.
        return ApplyResult.refused(last.kind(), last.type(), "router unreachable after every retry: " + last.reason(), null);
      }
      if (request.keyed()) {
        outcomes.complete(request.source().wireName(), request.key(), found.toOutcome());
      }
      return found;
    }, bookkeeping);
  }

  Prepared prepare(BillingRequest request) {
    String routerName = request.router();
    Action action = Action.parse(request.action());
    boolean ppp = action.isPpp(request.fields());
    ValidatedRequest v = validator.forSource(request.source().wireName()).validate(action.wireName(), request.fields(),
        profiles == null ? null : profile -> profiles.exists(routerName, ppp, profile));
    Router router = routers.get(v.router());
    Map<String, String> fields = v.fields();
    if (action.kind() == Action.Kind.CREATE) {
      fields = RequestMark.stamp(fields, mark(request));
    }
    return new Prepared(request, action, router, fields, RouterCommands.of(action, fields));
  }

  private CompletableFuture<ApplyResult> execute(Prepared p) {
    RouterRequest rr = RouterRequest.of(p.command()).withPriority(p.request().meta().priority());
    return p.router().execute(rr).handle((CommandResult r, Throwable e) ->
        e == null ? ApplyResult.applied(r.ret()) : Refusals.classify(e));
  }

  private CompletableFuture<ApplyResult> settle(Prepared p, ApplyResult r, boolean repairing) {
    if (r.kind() == ApplyResult.Kind.DUPLICATE && p.action().kind() == Action.Kind.CREATE) {
      return findOwn(p).exceptionally(Refusals::classify).thenApply(found -> switch (found.kind()) {
        case APPLIED -> found;
        case DUPLICATE -> ApplyResult.refused(ApplyResult.Kind.DUPLICATE, "duplicate",
            r.reason() + " (not created by this request: choose another name)", r.failure());
        // The router could not be asked whose item it is: not a final answer, the key stays open.
        case UNAVAILABLE, UNKNOWN -> ApplyResult.refused(ApplyResult.Kind.UNAVAILABLE, found.type(),
            "the item exists on the router but whether this request created it could not be checked: "
                + found.reason(), found.failure());
        default -> r;
      });
    }
    if (repairing && r.kind() == ApplyResult.Kind.NOT_FOUND && p.action().goneMeansApplied()) {
      return CompletableFuture.completedFuture(ApplyResult.applied(null));
    }
    return CompletableFuture.completedFuture(r);
  }

  /** Looks the created item up: ours (applied with its id), someone else's (duplicate) or missing (not found). */
  private CompletableFuture<ApplyResult> findOwn(Prepared p) {
    String menu = p.command().menu();
    String name = p.fields().get("username");
    String mark = mark(p.request());
    RouterRequest read = RouterRequest.of(Command.of(menu + "/print", "?name=" + name, "=.proplist=.id,comment"));
    return p.router().execute(read).thenApply(res -> {
      List<Map<String, String>> rows = res.records();
      if (rows.isEmpty()) {
        return ApplyResult.refused(ApplyResult.Kind.NOT_FOUND, "not-found", "no such item: " + name, null);
      }
      Map<String, String> row = rows.get(0);
      if (RequestMark.carries(row.get("comment"), mark)) {
        LOG.info("router={} name={} found with this request's mark: created by its earlier attempt", p.router().name(), name);
        return ApplyResult.applied(row.get(".id"));
      }
      return ApplyResult.refused(ApplyResult.Kind.DUPLICATE, "duplicate",
          "'" + name + "' already exists on router " + p.router().name() + "; choose another name", null);
    });
  }

  /** The request's mark: from its key, or for a request without one from its identity in this process. */
  private static String mark(BillingRequest request) {
    return RequestMark.of(request.source().wireName(),
        request.keyed() ? request.key() : "unkeyed:" + System.identityHashCode(request) + ":" + request.meta().receivedAt());
  }

  /**
   * Records a final outcome. When the record cannot be written the result still stands (the router
   * applied it or refused it); the key stays PENDING, and a repeat settles it through the mark.
   */
  private ApplyResult record(Prepared p, ApplyResult r) {
    if (p.request().keyed() && !r.isTransient()) {
      try {
        outcomes.complete(p.request().source().wireName(), p.request().key(), r.toOutcome());
      } catch (RuntimeException e) {
        LOG.warn("source={} key=\"{}\" outcome={} not recorded (a repeat settles it): {}", p.request().source().wireName(),
            p.request().key(), r.kind().wireName(), e.toString());
      }
    }
    return r;
  }
}
