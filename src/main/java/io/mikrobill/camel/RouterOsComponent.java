package io.mikrobill.camel;

import io.mikrobill.routeros.router.RouterConfiguration;
import io.mikrobill.routeros.router.RouterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code routeros} component: {@code routeros:ROUTER/COMMAND/PATH}, e.g. {@code
 * routeros:default/ip/hotspot/user/add}. The routers come from a {@link RouterRegistry} bean, or,
 * when none is bound, from the guide's variables ({@code MIKROTIK_*} and the pool, limiter,
 * queue, cache and breaker settings), looked up in the environment and then in Camel's
 * properties.
 */
@Component("routeros")
public class RouterOsComponent extends DefaultComponent {

  private static final Logger LOG = LoggerFactory.getLogger(RouterOsComponent.class);

  @Metadata(label = "advanced", autowired = true,
      description = "The routers to use. When none is bound, one is built from the guide's variables (MIKROTIK_HOST and friends).")
  private RouterRegistry registry;

  @Metadata(label = "advanced", defaultValue = "10000",
      description = "How long start waits for the routers' first connections, in milliseconds; the component starts anyway and keeps trying.")
  private long startTimeout = 10_000;

  private boolean ownsRegistry;

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
    String path = remaining.startsWith("/") ? remaining.substring(1) : remaining;
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new IllegalArgumentException("routeros endpoint must be routeros:ROUTER/COMMAND, e.g. "
          + "routeros:default/ip/hotspot/user/print, was '" + uri + "'");
    }
    RouterOsConfiguration config = new RouterOsConfiguration();
    Map<String, Object> attributes = org.apache.camel.util.PropertiesHelper.extractProperties(parameters, "attr.");
    config.getAttributes().putAll(attributes);
    RouterOsEndpoint endpoint = new RouterOsEndpoint(uri, this, config);
    endpoint.setRouter(path.substring(0, slash));
    endpoint.setCommand(path.substring(slash + 1));
    setProperties(endpoint, parameters);
    return endpoint;
  }

  public RouterRegistry getRegistry() {
    return registry;
  }

  public void setRegistry(RouterRegistry registry) {
    this.registry = registry;
  }

  public long getStartTimeout() {
    return startTimeout;
  }

  public void setStartTimeout(long startTimeout) {
    this.startTimeout = startTimeout;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    if (registry == null) {
      registry = getCamelContext().getRegistry().findSingleByType(RouterRegistry.class);
    }
    if (registry == null) {
      RouterConfiguration config = new RouterConfiguration(key -> {
        String env = System.getenv(key);
        return env != null ? env : getCamelContext().getPropertiesComponent().resolveProperty(key).orElse(null);
      });
      registry = RouterRegistry.fromConfiguration(config);
      ownsRegistry = true;
      try {
        registry.start().get(startTimeout, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        LOG.warn("routers not all connected after {} ms; starting anyway and retrying in the background", startTimeout);
      }
    }
    RouterOsHealthChecks.register(getCamelContext(), registry);
  }

  /**
   * Binds the registry into Camel's registry, so the component uses it. Call it before routes
   * start when the application creates the registry itself.
   */
  public static void bind(org.apache.camel.CamelContext context, RouterRegistry registry) {
    if (context.getRegistry().findSingleByType(RouterRegistry.class) == null) {
      context.getRegistry().bind("routerRegistry", RouterRegistry.class, registry);
    }
    RouterOsHealthChecks.register(context, registry);
  }

  @Override
  protected void doStop() throws Exception {
    RouterOsHealthChecks.unregister(getCamelContext(), registry);
    if (ownsRegistry && registry != null) {
      registry.close();
      registry = null;
      ownsRegistry = false;
    }
    super.doStop();
  }
}
