package io.mikrobill.camel;

import io.mikrobill.routeros.router.Router;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Runs RouterOS API commands on a named router (producer), or streams a {@code listen} / {@code
 * print =follow=} or the router's events (consumer).
 */
@UriEndpoint(
    firstVersion = "0.1.0",
    scheme = "routeros",
    title = "RouterOS",
    syntax = "routeros:router/command",
    category = {Category.NETWORKING, Category.IOT},
    headersClass = RouterOsConstants.class)
public class RouterOsEndpoint extends DefaultEndpoint {

  /** The command path that makes a consumer receive the router's events instead of a stream. */
  public static final String EVENTS = "events";

  @UriPath(description = "Name of the router, as configured (default is the router of MIKROTIK_HOST); * for every router on the events endpoint.")
  @Metadata(required = true)
  private String router;

  @UriPath(description = "The API command path without its leading slash, e.g. ip/hotspot/user/add; or events for the router's events.")
  @Metadata(required = true)
  private String command;

  @UriParam
  private RouterOsConfiguration configuration;

  public RouterOsEndpoint(String uri, RouterOsComponent component, RouterOsConfiguration configuration) {
    super(uri, component);
    this.configuration = configuration;
  }

  @Override
  public RouterOsComponent getComponent() {
    return (RouterOsComponent) super.getComponent();
  }

  @Override
  public Producer createProducer() {
    if (isEvents()) {
      throw new IllegalArgumentException("routeros:" + router + "/events can only be consumed");
    }
    return new RouterOsProducer(this);
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    Consumer consumer = isEvents() ? new RouterOsEventConsumer(this, processor) : new RouterOsStreamConsumer(this, processor);
    configureConsumer(consumer);
    return consumer;
  }

  boolean isEvents() {
    return EVENTS.equals(command);
  }

  Router resolveRouter(String name) {
    return getComponent().getRegistry().get(name);
  }

  public String getRouter() {
    return router;
  }

  public void setRouter(String router) {
    this.router = router;
  }

  public String getCommand() {
    return command;
  }

  public void setCommand(String command) {
    this.command = command;
  }

  /** The command path with its leading slash. */
  String commandPath() {
    return "/" + command;
  }

  public RouterOsConfiguration getConfiguration() {
    return configuration;
  }

  public void setConfiguration(RouterOsConfiguration configuration) {
    this.configuration = configuration;
  }
}
