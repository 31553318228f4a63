package io.mikrobill.http;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers what no route answers, in the API's JSON: 503 with {@code Retry-After} while the
 * application is still starting (the HTTP server listens before the routes exist, and a client
 * that got a 404 then would give up on a valid request), 406 for a client that accepts no JSON,
 * 404 otherwise once every route is started.
 * Installed on the HTTP server's router as its last route, as soon as the server exists.
 */
public final class HttpFallback {

  private final CamelContext context;

  private HttpFallback(CamelContext context) {
    this.context = context;
  }

  /** Installs the fallback as the last route of the HTTP server on {@code port}, as soon as the server exists. */
  public static void install(CamelContext context, int port) {
    HttpFallback fallback = new HttpFallback(context);
    RouterHooks.whenRouterExists(context, port, "http-fallback", fallback::installOn);
  }

  private void installOn(VertxPlatformHttpRouter router) {
    router.route().order(Integer.MAX_VALUE).handler(ctx -> {
      boolean started = context.getStatus().isStarted();
      String accept = ctx.request().getHeader("Accept");
      // The API's routes produce JSON only: a client that accepts no JSON matches none of them.
      boolean wantsOtherThanJson = accept != null && !accept.isBlank() && !accept.contains("json") && !accept.contains("*/*");
      ErrorResponse e = !started
          ? new ErrorResponse(503, "starting", "MikroBill is starting; retry in a second", "low",
              List.of("Retry after the delay given"), null, 1)
          : wantsOtherThanJson
          ? new ErrorResponse(406, "not-acceptable", "the API answers application/json only", "low",
              List.of("Send Accept: application/json (or none)"), null, null)
          : new ErrorResponse(404, "not-found", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path(),
              "low", List.of("See /api/openapi.json for the API's endpoints"), null, null);
      HttpAnswer a = HttpAnswer.error(ErrorMapper.disclosed(e, null));
      ctx.response().setStatusCode(a.status()).putHeader("Content-Type", "application/json");
      if (a.retryAfterSeconds() != null) {
        ctx.response().putHeader("Retry-After", String.valueOf(a.retryAfterSeconds()));
      }
      ctx.response().end(a.json());
    });
  }
}
