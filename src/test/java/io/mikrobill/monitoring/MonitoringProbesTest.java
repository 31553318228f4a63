package io.mikrobill.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public probes say UP or DOWN and nothing else; the health view keeps its details but shows
 * no file path of this machine.
 */
class MonitoringProbesTest {

  private DefaultCamelContext context;
  private final Monitoring monitoring = new Monitoring(null, null, null);

  @BeforeEach
  void start() {
    context = new DefaultCamelContext();
    context.start();
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void shouldSayOnlyUpWhenReady() {
    register(new Check("csv", true, "file:///srv/mikrobill/data/inbox/vouchers?delay=1000", null));
    Exchange exchange = new DefaultExchange(context);

    assertThat(monitoring.ready(exchange)).isEqualTo(Map.of("status", "UP"));
    assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
  }

  @Test
  void shouldSayOnlyDownWith503WhenNotReady() {
    register(new Check("routeros-default", false, "127.0.0.1:8728", "connect to 127.0.0.1:8728 failed: connection refused"));
    Exchange exchange = new DefaultExchange(context);

    assertThat(monitoring.ready(exchange)).isEqualTo(Map.of("status", "DOWN"));
    assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
  }

  @Test
  void shouldShowHealthDetailsWithoutFilePaths() {
    register(new Check("csv", false, "file:///srv/mikrobill/data/inbox/vouchers?delay=1000&move=..%2Fdone",
        "Consumer failed polling 3 times route: vouchers-csv (file:///srv/mikrobill/data/inbox/vouchers): "
            + "/srv/mikrobill/data/inbox/vouchers/a.csv (Permission denied)"));
    Exchange exchange = new DefaultExchange(context);

    Map<String, Object> health = monitoring.health(exchange);

    assertThat(health.get("status")).isEqualTo("DOWN");
    assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
    String shown = health.toString();
    assertThat(shown).doesNotContain("/srv").doesNotContain("mikrobill/data").contains("file:(hidden)")
        .contains("(path hidden) (Permission denied)").contains("route: vouchers-csv");
    @SuppressWarnings("unchecked")
    Map<String, Object> check = ((List<Map<String, Object>>) health.get("checks")).stream()
        .filter(c -> "csv".equals(c.get("id"))).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) check.get("details");
    assertThat(details).containsEntry("where", "file:(hidden)").containsEntry("count", 3);
  }

  @Test
  void shouldKeepWhatIsNoFilePath() {
    assertThat(Monitoring.withoutPaths("rest://get:/api/vouchers")).isEqualTo("rest://get:/api/vouchers");
    assertThat(Monitoring.withoutPaths("connect failed: Connection refused: localhost/127.0.0.1:8728"))
        .isEqualTo("connect failed: Connection refused: localhost/127.0.0.1:8728");
    assertThat(Monitoring.withoutPaths("total=1 active=0 idle=1")).isEqualTo("total=1 active=0 idle=1");
    assertThat(Monitoring.withoutPaths("cannot read C:\\mikrobill\\data\\x.csv now")).isEqualTo("cannot read (path hidden) now");
  }

  private void register(Check check) {
    HealthCheckRegistry.get(context).register(check);
  }

  /** A readiness check with a detail and, when given, a message. */
  private static final class Check extends AbstractHealthCheck {
    private final boolean up;
    private final String where;
    private final String message;

    Check(String id, boolean up, String where, String message) {
      super("test", id);
      this.up = up;
      this.where = where;
      this.message = message;
    }

    @Override
    public boolean isLiveness() {
      return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
      builder.detail("where", where).detail("count", 3);
      if (message != null) {
        builder.message(message);
      }
      if (up) {
        builder.up();
      } else {
        builder.down();
      }
    }
  }
}
