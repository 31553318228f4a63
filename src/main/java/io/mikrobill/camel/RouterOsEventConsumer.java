package io.mikrobill.camel;

import io.mikrobill.routeros.router.RouterEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * {@code routeros:ROUTER/events}: one exchange per router event (body: a map with type, router,
 * time and the event's details; header {@code RouterOsEventType}). {@code *} as the router
 * receives every router's events.
 */
public class RouterOsEventConsumer extends DefaultConsumer {

  private final RouterOsEndpoint endpoint;
  private Runnable unsubscribe;

  public RouterOsEventConsumer(RouterOsEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    String types = endpoint.getConfiguration().getEventTypes();
    Set<String> wanted = types == null || types.isBlank() ? Set.of() : Set.of(types.replace(" ", "").split(","));
    String router = endpoint.getRouter();
    unsubscribe = endpoint.getComponent().getRegistry().events().subscribe(event -> {
      if ((router.equals("*") || router.equals(event.router())) && (wanted.isEmpty() || wanted.contains(event.type()))) {
        deliver(event);
      }
    });
  }

  private void deliver(RouterEvent event) {
    Exchange exchange = createExchange(false);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", event.type());
    body.put("router", event.router());
    body.put("time", event.time().toString());
    body.putAll(event.details());
    exchange.getMessage().setBody(body);
    exchange.getMessage().setHeader(RouterOsConstants.EVENT_TYPE, event.type());
    exchange.getMessage().setHeader(RouterOsConstants.ROUTER_NAME, event.router());
    try {
      getProcessor().process(exchange);
    } catch (Exception e) {
      exchange.setException(e);
    }
    if (exchange.getException() != null) {
      getExceptionHandler().handleException("error processing router event " + event, exchange, exchange.getException());
    }
    releaseExchange(exchange, false);
  }

  @Override
  protected void doStop() throws Exception {
    if (unsubscribe != null) {
      unsubscribe.run();
      unsubscribe = null;
    }
    super.doStop();
  }
}
