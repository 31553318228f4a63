package io.mikrobill.jms;

import io.mikrobill.security.Credentials;
import io.mikrobill.security.Principal;
import io.mikrobill.security.Role;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Settings for a test broker: loopback, a free port, its own data directory (and password file
 * there), quick redelivery; and a few principals, one of each role, that tests log in as.
 */
final class TestBrokers {

  static final long RECEIVE_TIMEOUT_MS = 5_000;

  /** A billing system's API key: its name is the login, the key the secret. */
  static final String SHOP = "shop";
  static final String SHOP_KEY = "mbk_shop_0123456789";
  static final String OPERATOR = "olga";
  static final String OPERATOR_PASSWORD = "olga-pass-123";
  static final String ADMIN = "root";
  static final String ADMIN_PASSWORD = "root-pass-123";
  static final String MONITOR = "grafana";
  static final String MONITOR_KEY = "mbk_grafana_0123456789";

  private TestBrokers() {}

  static BrokerSettings.Builder settings(Path dataDir) {
    return BrokerSettings.builder()
        .bind("127.0.0.1")
        .port(0)
        .dataDir(dataDir)
        .passwordFile(dataDir.resolve("broker-password"))
        .maxRedeliveries(2)
        .redeliveryDelay(Duration.ofMillis(10));
  }

  /** An in-memory principal store with one principal of each role. */
  static Credentials principals() {
    Map<String, Map.Entry<String, Principal>> known = Map.of(
        SHOP, Map.entry(SHOP_KEY, new Principal(SHOP, Principal.Kind.KEY, Role.BILLING, Set.of())),
        OPERATOR, Map.entry(OPERATOR_PASSWORD, new Principal(OPERATOR, Principal.Kind.PERSON, Role.OPERATOR, Set.of())),
        ADMIN, Map.entry(ADMIN_PASSWORD, new Principal(ADMIN, Principal.Kind.PERSON, Role.ADMIN, Set.of())),
        MONITOR, Map.entry(MONITOR_KEY, new Principal(MONITOR, Principal.Kind.KEY, Role.MONITOR, Set.of())));
    return (login, secret) -> Optional.ofNullable(known.get(login))
        .filter(e -> e.getKey().equals(secret))
        .map(Map.Entry::getValue);
  }

  /** A broker that knows {@link #principals()}. */
  static EmbeddedBroker start(Path dataDir) {
    return new EmbeddedBroker(settings(dataDir).build(), principals()).start();
  }

  /** A CORE JMS factory logged in as {@code user} (null for no login at all). */
  static ConnectionFactory core(EmbeddedBroker broker, String user, String password) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker.port());
    factory.setUser(user);
    factory.setPassword(password);
    return factory;
  }
}
