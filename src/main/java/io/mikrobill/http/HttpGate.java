package io.mikrobill.http;

import io.mikrobill.security.AccessDenied;
import io.mikrobill.security.AccessRules;
import io.mikrobill.security.Authenticator;
import io.mikrobill.security.Principal;
import io.mikrobill.security.SecurityEventLog;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where HTTP callers are authenticated and their roles checked: the first handler
 * on the HTTP server's router, in front of every route (the API, monitoring, admin, the OpenAPI
 * document and the 404 fallback). For each request it finds the rule of {@link AccessRules};
 * public ones pass; otherwise it authenticates the bearer secret ({@code Authorization: Bearer},
 * or the {@code mikrobill_session} cookie), refuses a role the rule does not list (403), counts
 * the request against the principal's rate limit, and hands the {@link Caller} to the route.
 * Refusals are the API's JSON errors and security events. A secret known from memory costs a hash
 * and a lookup on the event loop; one that must be looked up in the database is looked up on a
 * worker thread while the request waits, paused.
 */
public final class HttpGate {

  private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);
  public static final String COOKIE = "mikrobill_session";

  private final Authenticator auth;
  private final SecurityEventLog events;

  private HttpGate(Authenticator auth, SecurityEventLog events) {
    this.auth = auth;
    this.events = events;
  }

  /**
   * Installs the gate as the first handler of the HTTP server on {@code port} as soon as the
   * server exists, and at the latest when the routes start (no route answers before then).
   */
  public static void install(CamelContext context, int port, Authenticator auth, SecurityEventLog events) {
    HttpGate gate = new HttpGate(auth, events);
    RouterHooks.whenRouterExists(context, port, "http-gate", router -> router.route().order(Integer.MIN_VALUE).handler(gate::handle));
  }

  private void handle(RoutingContext ctx) {
    String method = ctx.request().method().name();
    String path = ctx.normalizedPath();
    AccessRules.Rule rule = AccessRules.of(method, path);
    String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    String query = ctx.request().query();
    if (query != null) {
      try {
        java.net.URLDecoder.decode(query, java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        // Refused here, in the API's JSON, before a route's decoder fails on it with a stack trace.
        HttpAnswer a = HttpAnswer.error(new HttpRefusal(400, "bad-request", "the query string is not valid percent-encoding"));
        ctx.response().setStatusCode(a.status()).putHeader("Content-Type", "application/json").end(a.json());
        return;
      }
    }
    if (rule.isPublic()) {
      ctx.next();
      return;
    }
    String bearer = bearer(ctx);
    Optional<Principal> known;
    try {
      auth.refuseAttacker(address);
      known = auth.cached(bearer);
      if (known.isEmpty() && !auth.recognised(bearer)) {
        auth.refuseLockedAddress(address);
      }
    } catch (AccessDenied d) {
      deny(ctx, d, null, address, path);
      return;
    }
    if (known.isPresent()) {
      admit(ctx, rule, known.get(), address, bearer, path);
      return;
    }
    ctx.request().pause();
    ctx.vertx().executeBlocking(() -> auth.authenticate(bearer, address), false).onComplete(ar -> {
      if (ar.succeeded()) {
        admit(ctx, rule, ar.result(), address, bearer, path);
      } else {
        ctx.request().resume();
        deny(ctx, ar.cause(), null, address, path);
      }
    });
  }

  private void admit(RoutingContext ctx, AccessRules.Rule rule, Principal p, String address, String bearer, String path) {
    try {
      if (!rule.roles().contains(p.role())) {
        throw AccessDenied.forbidden(p.label() + " (role " + p.role().wireName() + ") may not " + ctx.request().method().name()
            + " " + path);
      }
      auth.countRequest(p);
    } catch (AccessDenied d) {
      ctx.request().resume();
      deny(ctx, d, p, address, path);
      return;
    }
    Caller caller = new Caller(p, address, bearer);
    ctx.setUser(User.create(new JsonObject().put("username", p.name()), new JsonObject().put(Caller.ATTRIBUTE, caller)));
    ctx.addEndHandler(done -> {
      if (caller.wasAttack() && auth.attackFrom(address)) {
        LOG.warn("security address={} throttled after repeated requests refused as attacks", address);
        events.refused("attack-throttled", "requests refused as attacks " + auth.settings().maxLoginAttempts() + " times", p, address);
      }
    });
    ctx.next();
  }

  private void deny(RoutingContext ctx, Throwable failure, Principal p, String address, String path) {
    Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    HttpAnswer a = HttpAnswer.error(t);
    if (t instanceof AccessDenied d) {
      events.refused(d.type(), ctx.request().method().name() + " " + path + ": " + d.getMessage(), p, address);
    } else {
      LOG.warn("security authentication failed on the server side: {}", t.toString());
    }
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(a.status()).putHeader("Content-Type", "application/json");
    if (a.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"mikrobill\"");
    }
    if (a.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", String.valueOf(a.retryAfterSeconds()));
    }
    ctx.response().end(a.json());
  }

  /**
   * The bearer secret: the Authorization header, else the session cookie, which is only taken
   * from a request of this site's own pages (a browser marks another site's with
   * {@code Sec-Fetch-Site: cross-site} or {@code same-site}), so no other page can act with it.
   */
  private static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).trim();
    }
    Cookie c = ctx.request().getCookie(COOKIE);
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    boolean ownPage = site == null || site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
    return c == null || !ownPage ? null : c.getValue();
  }
}
