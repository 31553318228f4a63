package io.mikrobill.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Puts a handler on the HTTP server's router the moment the router exists. The server binds its
 * router and then listens, with no event in between: a watcher polls for the router every
 * millisecond from the start, so the handler is there before the first request is accepted.
 * Camel's events are a second chance, and the last one is the start of the routes: the server is
 * up by then, and a handler that still cannot be installed stops the start rather than let a
 * route answer without it.
 */
final class RouterHooks extends EventNotifierSupport {

  private final CamelContext context;
  private final int port;
  private final Consumer<VertxPlatformHttpRouter> install;
  private volatile boolean installed;

  private RouterHooks(CamelContext context, int port, Consumer<VertxPlatformHttpRouter> install) {
    this.context = context;
    this.port = port;
    this.install = install;
  }

  /** Runs {@code install} once, on the router of the HTTP server on {@code port}, as soon as it exists. */
  static void whenRouterExists(CamelContext context, int port, String name, Consumer<VertxPlatformHttpRouter> install) {
    RouterHooks hook = new RouterHooks(context, port, install);
    context.getManagementStrategy().addEventNotifier(hook);
    Thread watcher = new Thread(() -> {
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!hook.installed && System.nanoTime() < end) {
        if (hook.tryInstall()) {
          return;
        }
        LockSupport.parkNanos(1_000_000);
      }
    }, name + "-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public boolean isEnabled(CamelEvent event) {
    return !installed;
  }

  @Override
  public void notify(CamelEvent event) {
    boolean routesStart = event instanceof CamelEvent.RouteStartingEvent || event instanceof CamelEvent.CamelContextRoutesStartingEvent;
    if (!tryInstall() && routesStart) {
      throw new IllegalStateException("the HTTP server on port " + port + " has no router as the routes start");
    }
  }

  private boolean tryInstall() {
    VertxPlatformHttpRouter router;
    try {
      router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
    } catch (RuntimeException notYet) {
      return false;
    }
    if (router == null) {
      return false;
    }
    synchronized (this) {
      if (!installed) {
        install.accept(router);
        installed = true;
      }
    }
    return true;
  }
}
