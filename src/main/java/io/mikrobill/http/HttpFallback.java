package io.mikrobill.http;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Answers what no route answers, in the API's JSON: 503 with {@code Retry-After} while the
 * application is still starting (the HTTP server listens before the routes exist, and a client
 * that got a 404 then would give up on a valid request), 406 for a client that accepts no JSON,
 * 404 otherwise once every route is started.
 * Installed on the HTTP server's router as its last route, as soon as the server exists.
 */
public final class HttpFallback extends EventNotifierSupport {

  private final CamelContext context;
  private volatile boolean installed;

  private HttpFallback(CamelContext context) {
    this.context = context;
  }

  /**
   * Installs the fallback as soon as the HTTP server on {@code port} has its router. The server
   * binds its router and then listens, with no event in between; a watcher polls for the router
   * every millisecond from the start, so the fallback is there before the first request is
   * accepted. Camel's events are a second chance.
   */
  public static void install(CamelContext context, int port) {
    HttpFallback fallback = new HttpFallback(context);
    context.getManagementStrategy().addEventNotifier(fallback);
    Thread watcher = new Thread(() -> {
      long end = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
      String name = VertxPlatformHttpRouter.getRouterNameFromPort(port);
      while (!fallback.installed && System.nanoTime() < end) {
        try {
          VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, name);
          if (router != null) {
            fallback.installOn(router);
            return;
          }
        } catch (RuntimeException notYet) {
          // the registry may not answer yet
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
    }, "http-fallback-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public boolean isEnabled(CamelEvent event) {
    return !installed;
  }

  @Override
  public void notify(CamelEvent event) {
    if (installed) {
      return;
    }
    MainHttpServer server = context.hasService(MainHttpServer.class);
    VertxPlatformHttpRouter router = server == null ? null : server.getRouter();
    if (router != null) {
      installOn(router);
    }
  }

  private void installOn(VertxPlatformHttpRouter router) {
    synchronized (this) {
      if (installed) {
        return;
      }
      installed = true;
    }
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
