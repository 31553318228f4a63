package io.mikrobill.routeros.pool;

import io.mikrobill.routeros.client.RouterOsConnection;
import io.mikrobill.routeros.protocol.Command;
import java.time.Duration;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads how many API sessions the router allows ({@code /ip service} {@code max-sessions} of
 * {@code api}, or {@code api-ssl} with TLS), so the pool never opens more: a router over its
 * limit answers new sessions with {@code !fatal too many sessions}. When the value cannot be
 * read, the configured maximum stands.
 */
final class MaxSessions {

  private static final Logger LOG = LoggerFactory.getLogger(MaxSessions.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private MaxSessions() {}

  /**
   * Reads the limit on {@code conn} and hands it to {@code apply}, which answers the pool's new
   * maximum; logs and gives up when the router does not tell.
   */
  static void read(RouterOsConnection conn, int configuredMax, IntUnaryOperator apply) {
    String router = conn.options().name();
    String service = conn.options().tls() ? "api-ssl" : "api";
    conn.execute(Command.of("/ip/service/print", "?name=" + service, "=.proplist=max-sessions"), TIMEOUT)
        .whenComplete((r, e) -> {
          String value = e != null || r.records().isEmpty() ? null : r.records().get(0).get("max-sessions");
          if (value == null) {
            LOG.warn("router={} cannot read max-sessions of service={}; keeping max={}", router, service, configuredMax);
            return;
          }
          try {
            int max = Integer.parseInt(value);
            LOG.info("router={} service={} max-sessions={} pool max={}", router, service, max, apply.applyAsInt(max));
          } catch (NumberFormatException nfe) {
            LOG.warn("router={} max-sessions '{}' is not a number", router, value);
          }
        });
  }
}
