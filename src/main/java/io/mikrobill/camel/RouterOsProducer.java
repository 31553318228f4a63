package io.mikrobill.camel;

import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.routeros.client.CommandResult;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Runs one command per exchange, asynchronously: the request goes through the router's limiter,
 * queue and pool, and the callback completes on the I/O thread when the router answers, so no
 * thread waits per command in flight. A print's body out is its records (a list of maps); a
 * command with {@code =ret=} gives the ret; a {@code !trap} fails the exchange with a {@link
 * RouterOsTrapException} and sets the trap headers.
 */
public class RouterOsProducer extends DefaultAsyncProducer {

  private final RouterOsEndpoint endpoint;

  public RouterOsProducer(RouterOsEndpoint endpoint) {
    super(endpoint);
    this.endpoint = endpoint;
  }

  @Override
  public boolean process(Exchange exchange, AsyncCallback callback) {
    Router router;
    RouterRequest request;
    try {
      String name = exchange.getMessage().getHeader(RouterOsConstants.ROUTER, endpoint.getRouter(), String.class);
      router = endpoint.resolveRouter(name);
      request = RouterRequests.from(endpoint, exchange);
    } catch (RuntimeException e) {
      exchange.setException(e);
      callback.done(true);
      return true;
    }
    CompletableFuture<CommandResult> future = router.execute(request);
    if (future.isDone()) {
      complete(exchange, router, request, future);
      callback.done(true);
      return true;
    }
    future.whenComplete((r, e) -> {
      complete(exchange, router, request, future);
      callback.done(false);
    });
    return false;
  }

  private static void complete(Exchange exchange, Router router, RouterRequest request, CompletableFuture<CommandResult> future) {
    Message out = exchange.getMessage();
    out.setHeader(RouterOsConstants.ROUTER_NAME, router.name());
    out.setHeader(RouterOsConstants.BREAKER_STATE, router.breaker().getState().name());
    CommandResult result;
    try {
      result = future.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = io.mikrobill.routeros.Failures.unwrap(e.getCause() != null ? e.getCause() : e);
      if (cause instanceof RouterOsException ros) {
        out.setHeader(RouterOsConstants.ERROR_TYPE, ros.type().wireName());
      }
      if (cause instanceof RouterOsTrapException trap) {
        out.setHeader(RouterOsConstants.TRAP_CATEGORY, trap.category());
        out.setHeader(RouterOsConstants.TRAP_MESSAGE, trap.routerMessage());
      }
      exchange.setException(cause);
      return;
    }
    out.setHeader(RouterOsConstants.RET, result.ret());
    out.setHeader(RouterOsConstants.EMPTY, result.empty());
    if (request.isRead() || result.ret() == null) {
      out.setBody(result.records());
    } else {
      out.setBody(result.ret());
    }
  }
}
