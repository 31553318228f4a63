package io.mikrobill.http;

import io.mikrobill.security.AccessDenied;
import io.mikrobill.security.Principal;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Who sent an HTTP request and from where, as the HTTP edge's gate ({@link HttpGate})
 * established it; the steps behind read it here and put it on the typed request. A step reached
 * without one refuses (401): if the gate were ever missing, nothing would run anonymously.
 */
public final class Caller {

  /** The header platform-http fills from the Vert.x user the gate set. */
  static final String HEADER = "CamelVertxPlatformHttpAuthenticatedUser";
  static final String ATTRIBUTE = "mikrobill.caller";

  private final Principal principal;
  private final String address;
  private final String bearer;
  private volatile boolean attacked;

  Caller(Principal principal, String address, String bearer) {
    this.principal = principal;
    this.address = address;
    this.bearer = bearer;
  }

  public Principal principal() {
    return principal;
  }

  public String address() {
    return address;
  }

  /** The bearer secret the request came with (for logout only). */
  String bearer() {
    return bearer;
  }

  /** Marks the request as one the attack detector refused; the gate counts it against the address. */
  void attacked() {
    attacked = true;
  }

  boolean wasAttack() {
    return attacked;
  }

  /** The caller of {@code exchange}; 401 when the gate established none. */
  public static Caller of(Exchange exchange) {
    return find(exchange).orElseThrow(() -> AccessDenied.unauthenticated("authentication required"));
  }

  /** The caller of {@code exchange}, if the gate established one. */
  static java.util.Optional<Caller> find(Exchange exchange) {
    Object user = exchange.getMessage().getHeader(HEADER);
    return user instanceof io.vertx.ext.auth.User u && u.attributes().getValue(ATTRIBUTE) instanceof Caller c
        ? java.util.Optional.of(c) : java.util.Optional.empty();
  }

  /** 403 unless the caller may act on {@code router}. */
  public Caller requireRouter(String router) {
    if (!principal.mayUse(router)) {
      throw AccessDenied.forbidden(principal.label() + " may not act on router '" + router + "' (it may use "
          + String.join(", ", principal.routers()) + ")");
    }
    return this;
  }

  static Map<String, Object> describe(Principal p) {
    return Map.of("name", p.name(), "kind", p.kind().name().toLowerCase(java.util.Locale.ROOT), "role", p.role().wireName(),
        "routers", p.routers());
  }
}
