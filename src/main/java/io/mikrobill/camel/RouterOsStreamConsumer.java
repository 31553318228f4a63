package io.mikrobill.camel;

import io.mikrobill.routeros.RouterOsException;
import io.mikrobill.routeros.client.CommandHandle;
import io.mikrobill.routeros.pool.Lease;
import io.mikrobill.routeros.protocol.Command;
import io.mikrobill.routeros.protocol.Reply;
import io.mikrobill.routeros.protocol.ReplyType;
import io.mikrobill.routeros.router.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a {@code listen} or {@code print =follow=} as exchanges, one per {@code !re}, in order,
 * processed on the consumer's own thread (never on the I/O thread). When the stream ends because
 * its connection was lost, the consumer subscribes again after {@code resubscribeDelay}; on stop
 * it cancels the stream on the router with {@code /cancel}.
 */
public class RouterOsStreamConsumer extends DefaultConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(RouterOsStreamConsumer.class);

  private final RouterOsEndpoint endpoint;
  private ExecutorService executor;
  private volatile boolean running;
  private volatile CommandHandle handle;
  private volatile Lease lease;
  private volatile int subscriptions;

  public RouterOsStreamConsumer(RouterOsEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
  }

  /** How many times the stream was subscribed (1 plus the resubscriptions). */
  public int getSubscriptions() {
    return subscriptions;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    executor = getEndpoint().getCamelContext().getExecutorServiceManager()
        .newSingleThreadExecutor(this, "routeros-stream-" + endpoint.getRouter());
    running = true;
    subscribe();
  }

  private void subscribe() {
    if (!running) {
      return;
    }
    Router router = endpoint.resolveRouter(endpoint.getRouter());
    RouterOsConfiguration config = endpoint.getConfiguration();
    Command.Builder b = Command.builder(endpoint.commandPath());
    config.getAttributes().forEach((k, v) -> b.attribute(k, v == null ? "" : String.valueOf(v)));
    if (config.getProplist() != null) {
      b.attribute(".proplist", config.getProplist());
    }
    if (config.getQueries() != null) {
      for (String q : config.getQueries().trim().split("\\s+")) {
        if (!q.isEmpty()) {
          b.query(q);
        }
      }
    }
    Command command = b.build();
    router.pool().acquire().whenComplete((l, err) -> {
      if (err != null) {
        LOG.warn("router={} stream {} cannot get a connection error=\"{}\"; retrying", router.name(), command.path(), err.getMessage());
        resubscribeLater();
        return;
      }
      if (!running) {
        l.release();
        return;
      }
      lease = l;
      subscriptions++;
      handle = l.connection().subscribe(command, new io.mikrobill.routeros.client.ReplyListener() {
        @Override
        public void onReply(Reply reply) {
          if (reply.type() == ReplyType.RE) {
            Map<String, String> attrs = new LinkedHashMap<>(reply.attributes());
            executor.execute(() -> deliver(attrs));
          } else if (reply.type() == ReplyType.DONE) {
            ended(l, null);
          }
        }

        @Override
        public void onFailure(RouterOsException error) {
          ended(l, error);
        }
      });
      LOG.info("router={} stream {} subscribed tag={}", router.name(), command.path(), handle.tag());
    });
  }

  private void ended(Lease l, RouterOsException error) {
    l.release();
    if (running) {
      LOG.warn("router={} stream {} ended error=\"{}\"; subscribing again", endpoint.getRouter(), endpoint.commandPath(),
          error == null ? "none" : error.getMessage());
      resubscribeLater();
    }
  }

  private void resubscribeLater() {
    if (!running) {
      return;
    }
    endpoint.getComponent().getRegistry().group()
        .schedule(this::subscribe, endpoint.getConfiguration().getResubscribeDelay(), TimeUnit.MILLISECONDS);
  }

  private void deliver(Map<String, String> attrs) {
    Exchange exchange = createExchange(false);
    exchange.getMessage().setBody(attrs);
    exchange.getMessage().setHeader(RouterOsConstants.DEAD, "yes".equals(attrs.get(".dead")) || "true".equals(attrs.get(".dead")));
    exchange.getMessage().setHeader(RouterOsConstants.ROUTER_NAME, endpoint.getRouter());
    try {
      getProcessor().process(exchange);
    } catch (Exception e) {
      exchange.setException(e);
    }
    if (exchange.getException() != null) {
      getExceptionHandler().handleException("error processing streamed item", exchange, exchange.getException());
    }
    releaseExchange(exchange, false);
  }

  @Override
  protected void doStop() throws Exception {
    running = false;
    CommandHandle h = handle;
    if (h != null) {
      try {
        h.cancel().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("router={} cancel of stream failed: {}", endpoint.getRouter(), e.toString());
      }
    }
    if (executor != null) {
      getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
      executor = null;
    }
    super.doStop();
  }
}
