package io.mikrobill.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityRuntimeException;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With BROKER_USERNAME and BROKER_PASSWORD set, every protocol on the port must authenticate. */
@Timeout(60)
class BrokerSecurityTest {

  @TempDir Path dataDir;

  @Test
  void shouldRefuseAJmsClientWithTheWrongPasswordAndAcceptTheRightOne() throws Exception {
    BrokerSettings settings = TestBrokers.settings(dataDir).credentials("billing", "s3cret").build();
    try (EmbeddedBroker broker = new EmbeddedBroker(settings).start()) {
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(withCredentials(broker, "billing", "wrong"), "billing.requests", "x"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(withCredentials(broker, null, null), "billing.requests", "x"))
          .isInstanceOf(JMSSecurityRuntimeException.class);

      EmbeddedBrokerTest.send(broker.connectionFactory(), "billing.requests", "{\"ok\":true}");

      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("{\"ok\":true}");
    }
  }

  @Test
  void shouldRefuseAStompClientWithTheWrongPasscodeAndAcceptTheRightOne() throws Exception {
    BrokerSettings settings = TestBrokers.settings(dataDir).credentials("billing", "s3cret").build();
    try (EmbeddedBroker broker = new EmbeddedBroker(settings).start()) {
      try (StompSocket intruder = new StompSocket(broker.port())) {
        assertThat(intruder.connect("billing", "wrong").command()).isEqualTo("ERROR");
      }
      try (StompSocket anonymous = new StompSocket(broker.port())) {
        assertThat(anonymous.connect().command()).isEqualTo("ERROR");
      }

      try (StompSocket legacy = new StompSocket(broker.port())) {
        assertThat(legacy.connect("billing", "s3cret").command()).isEqualTo("CONNECTED");
        assertThat(legacy.sendJson("billing.requests", "{}", "r-1").command()).isEqualTo("RECEIPT");
      }
      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("{}");
    }
  }

  private static ConnectionFactory withCredentials(EmbeddedBroker broker, String user, String password) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker.port());
    factory.setUser(user);
    factory.setPassword(password);
    return factory;
  }
}
