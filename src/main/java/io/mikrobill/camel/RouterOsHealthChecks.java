package io.mikrobill.camel;

import io.mikrobill.routeros.pool.PoolState;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One readiness check per router ({@code routeros-NAME}: UP while its pool has a live connection
 * and its breaker is not open), served by one health-check repository registered once per Camel
 * context, as camel-kafka does: the checks do not multiply with endpoints or routes.
 */
final class RouterOsHealthChecks implements HealthCheckRepository {

  static final String ID = "routeros";

  private final List<HealthCheck> checks;

  private RouterOsHealthChecks(CamelContext context, RouterRegistry registry) {
    this.checks = registry.all().stream().map(r -> {
      RouterHealthCheck c = new RouterHealthCheck("routeros-" + r.name(), r);
      c.setCamelContext(context);
      return (HealthCheck) c;
    }).toList();
  }

  static void register(CamelContext context, RouterRegistry registry) {
    HealthCheckRegistry hcr = HealthCheckRegistry.get(context);
    if (hcr == null || hcr.getRepository(ID).isPresent()) {
      return;
    }
    hcr.register(new RouterOsHealthChecks(context, registry));
  }

  static void unregister(CamelContext context, RouterRegistry registry) {
    HealthCheckRegistry hcr = HealthCheckRegistry.get(context);
    if (hcr == null) {
      return;
    }
    hcr.getRepository(ID).ifPresent(hcr::unregister);
  }

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public void setEnabled(boolean enabled) {
    // always on: a router's readiness is what /monitoring/ready is for
  }

  @Override
  public Stream<HealthCheck> stream() {
    return checks.stream();
  }

  static final class RouterHealthCheck extends AbstractHealthCheck {
    private final Router router;

    RouterHealthCheck(String id, Router router) {
      super("routeros", id);
      this.router = router;
    }

    @Override
    public boolean isLiveness() {
      return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
      PoolState s = router.pool().state();
      builder.detail("router", router.name())
          .detail("host", router.client().host() + ":" + router.client().port())
          .detail("pool", s.toString())
          .detail("breaker", router.breaker().getState().name());
      if (router.pool().isAvailable() && !router.isBreakerOpen()) {
        builder.up();
      } else {
        Throwable last = router.pool().lastFailure();
        builder.message(last != null ? last.getMessage() : "no connection to the router");
        builder.down();
      }
    }
  }
}
