package io.mikrobill.http;

import io.mikrobill.security.Authenticator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;

/**
 * {@code POST /auth/login} ({@code {"username","password"}} answered {@code {"token","expiresAt"}}
 * and a {@code mikrobill_session} cookie: HttpOnly, SameSite=Strict, Secure over HTTPS),
 * {@code POST /auth/logout} and {@code GET /auth/me}. The password is checked on a worker thread
 * (Argon2id takes tens of milliseconds by design) and never logged or returned.
 */
public final class AuthApi {

  private final Authenticator auth;
  private final io.mikrobill.security.SecurityEventLog events;

  public AuthApi(Authenticator auth, io.mikrobill.security.SecurityEventLog events) {
    this.auth = auth;
    this.events = events;
  }

  public CompletableFuture<String> login(Exchange exchange) {
    return HttpApi.answer(exchange, () -> {
      Map<String, Object> body = JsonBody.read(exchange, true);
      Object username = body.get("username");
      Object password = body.get("password");
      if (!(username instanceof String) || !(password instanceof String)) {
        throw new IllegalArgumentException("send {\"username\": ..., \"password\": ...} as strings");
      }
      String address = io.mikrobill.security.ClientAddress.host(exchange.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress", String.class));
      Authenticator.Login login;
      try {
        login = auth.login((String) username, (String) password, address);
      } catch (io.mikrobill.security.AccessDenied d) {
        events.refused(d.type(), "POST /auth/login as '" + username + "': " + d.getMessage(), null, address);
        throw d;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("token", login.token());
      out.put("expiresAt", login.expiresAt().toString());
      out.put("username", login.principal().name());
      out.put("role", login.principal().role().wireName());
      exchange.getMessage().setHeader("Set-Cookie", HttpGate.COOKIE + "=" + login.token() + "; Path=/; HttpOnly; SameSite=Strict"
          + (auth.settings().secureCookie() ? "; Secure" : ""));
      return CompletableFuture.completedFuture(HttpAnswer.of(200, out));
    });
  }

  public CompletableFuture<String> logout(Exchange exchange) {
    return HttpApi.answer(exchange, () -> {
      auth.logout(Caller.of(exchange).bearer());
      exchange.getMessage().setHeader("Set-Cookie", HttpGate.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
      return CompletableFuture.completedFuture(new HttpAnswer(204, "", null, false));
    });
  }

  public CompletableFuture<String> me(Exchange exchange) {
    return HttpApi.answer(exchange, () -> {
      Caller c = Caller.of(exchange);
      Map<String, Object> out = new LinkedHashMap<>(Caller.describe(c.principal()));
      java.time.Instant expires = auth.expiresAt(c.bearer());
      if (expires != null) {
        out.put("expiresAt", expires.toString());
      }
      return CompletableFuture.completedFuture(HttpAnswer.of(200, out));
    });
  }

}
