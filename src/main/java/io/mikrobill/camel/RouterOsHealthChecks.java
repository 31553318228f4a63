package io.mikrobill.camel;

import io.mikrobill.routeros.pool.PoolState;
import io.mikrobill.routeros.router.Router;
import io.mikrobill.routeros.router.RouterRegistry;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** One readiness check per router: UP while its pool has a live connection and its breaker is not open. */
final class RouterOsHealthChecks {

  private RouterOsHealthChecks() {}

  static void register(CamelContext context, RouterRegistry registry) {
    HealthCheckRegistry hcr = HealthCheckRegistry.get(context);
    if (hcr == null) {
      return;
    }
    for (Router r : registry.all()) {
      String id = "routeros-" + r.name();
      if (hcr.getCheck(id).isEmpty()) {
        hcr.register(new RouterHealthCheck(id, r));
      }
    }
  }

  static void unregister(CamelContext context, RouterRegistry registry) {
    HealthCheckRegistry hcr = HealthCheckRegistry.get(context);
    if (hcr == null || registry == null) {
      return;
    }
    for (Router r : registry.all()) {
      hcr.getCheck("routeros-" + r.name()).ifPresent(hcr::unregister);
    }
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
      String breaker = router.breaker().getState().name();
      builder.detail("router", router.name())
          .detail("host", router.client().host() + ":" + router.client().port())
          .detail("pool", s.toString())
          .detail("breaker", breaker);
      if (router.pool().isAvailable() && !breaker.equals("OPEN")) {
        builder.up();
      } else {
        Throwable last = router.pool().lastFailure();
        builder.message(last != null ? last.getMessage() : "no connection to the router");
        builder.down();
      }
    }
  }
}
