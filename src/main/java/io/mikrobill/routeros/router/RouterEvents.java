package io.mikrobill.routeros.router;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes router events to subscribers (the component's event consumers) and to the log. */
public final class RouterEvents {

  private static final Logger LOG = LoggerFactory.getLogger(RouterEvents.class);

  private final CopyOnWriteArrayList<Consumer<RouterEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final Clock clock;

  public RouterEvents(Clock clock) {
    this.clock = clock;
  }

  public Runnable subscribe(Consumer<RouterEvent> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  public void publish(String type, String router, Map<String, String> details) {
    RouterEvent event = new RouterEvent(type, router, clock.instant(), details);
    if (type.equals(RouterEvent.UNAVAILABLE) || type.equals(RouterEvent.RATE_LIMIT_EXCEEDED)) {
      LOG.warn("{}", event);
    } else {
      LOG.info("{}", event);
    }
    for (Consumer<RouterEvent> s : subscribers) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("router={} event subscriber failed error=\"{}\"", router, e.toString());
      }
    }
  }
}
