package io.mikrobill.jms;

import static io.mikrobill.jms.TestBrokers.SHOP;
import static io.mikrobill.jms.TestBrokers.SHOP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker lets nobody in anonymously, on any protocol of its one port, loopback
 * included: only MikroBill's own login and the principals its Credentials know.
 */
@Timeout(60)
class BrokerSecurityTest {

  @TempDir Path dataDir;

  @Test
  void shouldRefuseAnonymousAndWrongCoreLoginsAndAcceptAPrincipal() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(TestBrokers.core(broker, null, null), "billing.requests", "x"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(TestBrokers.core(broker, SHOP, "wrong"), "billing.requests", "x"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(TestBrokers.core(broker, "nobody", SHOP_KEY), "billing.requests", "x"))
          .isInstanceOf(JMSSecurityRuntimeException.class);

      EmbeddedBrokerTest.send(TestBrokers.core(broker, SHOP, SHOP_KEY), "billing.requests", "{\"ok\":true}");

      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("{\"ok\":true}");
    }
  }

  @Test
  void shouldRefuseArtemisClusterUserWithItsWellKnownDefaultPassword() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(TestBrokers.core(broker, "ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!"),
          "billing.requests", "x")).isInstanceOf(JMSRuntimeException.class).hasMessageContaining("Unable to authenticate");
    }
  }

  @Test
  void shouldNeverLetAPrincipalLogInUnderMikroBillsOwnUsername() throws Exception {
    // a principal store that would accept anyone with any secret
    var anyone = (io.mikrobill.security.Credentials) (login, secret) -> Optional.of(
        new io.mikrobill.security.Principal(login, io.mikrobill.security.Principal.Kind.KEY, io.mikrobill.security.Role.ADMIN, null));
    try (EmbeddedBroker broker = new EmbeddedBroker(TestBrokers.settings(dataDir).build(), anyone).start()) {
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(TestBrokers.core(broker, broker.identity().username(), "guess"),
          "billing.requests", "x")).isInstanceOf(JMSSecurityRuntimeException.class);
    }
  }

  @Test
  void shouldRefuseAnonymousAndWrongStompLoginsAndAcceptABillingKey() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      try (StompSocket anonymous = new StompSocket(broker.port())) {
        assertThat(anonymous.connect().command()).isEqualTo("ERROR");
      }
      try (StompSocket intruder = new StompSocket(broker.port())) {
        assertThat(intruder.connect(SHOP, "wrong").command()).isEqualTo("ERROR");
      }

      try (StompSocket legacy = new StompSocket(broker.port())) {
        assertThat(legacy.connect(SHOP, SHOP_KEY).command()).isEqualTo("CONNECTED");
        assertThat(legacy.sendJson("billing.requests", "{}", "r-1").command()).isEqualTo("RECEIPT");
      }
      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("{}");
    }
  }

  @Test
  void shouldRefuseAnonymousAndWrongAmqpSaslLoginsAndAcceptABillingKey() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      try (AmqpSaslProbe probe = new AmqpSaslProbe(broker.port())) {
        List<String> offered = probe.mechanisms();
        assertThat(offered).contains("PLAIN").doesNotContain("ANONYMOUS");
        assertThat(probe.login("ANONYMOUS", "anyone".getBytes(StandardCharsets.UTF_8))).as("ANONYMOUS outcome").isNotZero();
      }
      try (AmqpSaslProbe probe = new AmqpSaslProbe(broker.port())) {
        probe.mechanisms();
        assertThat(probe.login("PLAIN", AmqpSaslProbe.plain("", ""))).as("PLAIN without credentials").isNotZero();
      }
      try (AmqpSaslProbe probe = new AmqpSaslProbe(broker.port())) {
        probe.mechanisms();
        assertThat(probe.login("PLAIN", AmqpSaslProbe.plain(SHOP, "wrong"))).as("PLAIN with a wrong key").isNotZero();
      }
      try (AmqpSaslProbe probe = new AmqpSaslProbe(broker.port())) {
        probe.mechanisms();
        assertThat(probe.login("PLAIN", AmqpSaslProbe.plain(SHOP, SHOP_KEY))).as("PLAIN with the key").isZero();
      }
    }
  }

  @Test
  void shouldRefuseAnonymousOpenWireLoginsAndAcceptABillingKey() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      assertThatThrownBy(() -> ProtocolAcceptorTest.sendOverOpenWire(broker, null, null, "{\"via\":\"openwire\"}"))
          .isInstanceOf(javax.jms.JMSSecurityException.class);
      assertThatThrownBy(() -> ProtocolAcceptorTest.sendOverOpenWire(broker, SHOP, "wrong", "{\"via\":\"openwire\"}"))
          .isInstanceOf(javax.jms.JMSSecurityException.class);

      ProtocolAcceptorTest.sendOverOpenWire(broker, SHOP, SHOP_KEY, "{\"via\":\"openwire\"}");

      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("{\"via\":\"openwire\"}");
    }
  }
}
