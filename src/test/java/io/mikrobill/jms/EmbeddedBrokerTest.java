package io.mikrobill.jms;

import static io.mikrobill.jms.TestBrokers.RECEIVE_TIMEOUT_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker over the CORE JMS client: delivery, persistence, dead letters, start checks. */
@Timeout(60)
class EmbeddedBrokerTest {

  @TempDir Path dataDir;

  @Test
  void shouldDeliverAMessageSentWithTheCoreJmsClientToACoreJmsConsumer() throws Exception {
    try (EmbeddedBroker broker = new EmbeddedBroker(TestBrokers.settings(dataDir).build()).start()) {
      assertThat(broker.port()).isPositive();

      send(broker.connectionFactory(), "billing.requests", "{\"user\":\"alice\"}");

      assertThat(receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("{\"user\":\"alice\"}");
    }
  }

  @Test
  void shouldKeepAnAcceptedMessageWhenTheBrokerRestartsOnTheSameDataDirectory() throws Exception {
    BrokerSettings settings = TestBrokers.settings(dataDir).build();
    try (EmbeddedBroker broker = new EmbeddedBroker(settings).start()) {
      send(broker.connectionFactory(), "billing.requests", "{\"invoice\":42}");
    }

    try (EmbeddedBroker restarted = new EmbeddedBroker(settings).start()) {
      assertThat(receiveText(restarted.connectionFactory(), "billing.requests")).isEqualTo("{\"invoice\":42}");
    }
  }

  @Test
  void shouldMoveAMessageToTheDeadLetterQueueAfterMaxRedeliveriesRollbacks() throws Exception {
    BrokerSettings settings = TestBrokers.settings(dataDir).maxRedeliveries(3).build();
    try (EmbeddedBroker broker = new EmbeddedBroker(settings, TestBrokers.principals()).start();
        Connection connection = broker.connectionFactory().createConnection()) {
      send(broker.connectionFactory(), "billing.requests", "poison");
      connection.start();
      Session session = connection.createSession(Session.SESSION_TRANSACTED);
      MessageConsumer consumer = session.createConsumer(session.createQueue("billing.requests"));

      for (int delivery = 1; delivery <= settings.maxDeliveryAttempts(); delivery++) {
        Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
        assertThat(message).as("delivery %d of %d", delivery, settings.maxDeliveryAttempts()).isNotNull();
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(delivery);
        session.rollback();
      }

      assertThat(consumer.receive(200)).as("no delivery after the last attempt").isNull();
      // only an admin reads the dead letters
      assertThat(receiveText(TestBrokers.core(broker, TestBrokers.ADMIN, TestBrokers.ADMIN_PASSWORD), "billing.requests.DLQ"))
          .isEqualTo("poison");
    }
  }

  @Test
  void shouldRefuseToStartWhenThePortIsTakenNamingThePort() throws Exception {
    try (EmbeddedBroker first = new EmbeddedBroker(TestBrokers.settings(dataDir.resolve("a")).build()).start()) {
      EmbeddedBroker second = new EmbeddedBroker(TestBrokers.settings(dataDir.resolve("b")).port(first.port()).build());

      assertThatThrownBy(second::start)
          .isInstanceOf(BrokerLifecycleException.class)
          .hasMessageContaining("port=" + first.port());
      assertThat(second.isRunning()).isFalse();
    }
  }

  @Test
  void shouldRefuseToStartWithinTheLockTimeoutWhileAnotherBrokerHoldsTheDataDirectory() throws Exception {
    try (EmbeddedBroker first = new EmbeddedBroker(TestBrokers.settings(dataDir).build()).start()) {
      EmbeddedBroker second = new EmbeddedBroker(TestBrokers.settings(dataDir).build());

      assertThatThrownBy(second::start)
          .isInstanceOf(BrokerLifecycleException.class)
          .hasMessageContaining("dataDir=" + dataDir.toAbsolutePath());
      assertThat(first.isRunning()).isTrue();
      send(first.connectionFactory(), "billing.requests", "still served");
      assertThat(receiveText(first.connectionFactory(), "billing.requests")).isEqualTo("still served");
    }
  }

  @Test
  void shouldRefuseToEmbedWhenAnExternalBrokerUrlIsSet() {
    BrokerSettings external = BrokerSettings.builder().url("tcp://broker.example:61616").build();

    assertThatThrownBy(() -> new EmbeddedBroker(external))
        .isInstanceOf(BrokerSettingsException.class)
        .hasMessageContaining("BROKER_URL=tcp://broker.example:61616");
  }

  @Test
  void shouldGiveAConnectionFactoryForTheExternalBrokerUrlWithItsCredentials() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      BrokerSettings external = BrokerSettings.builder().url("tcp://127.0.0.1:" + broker.port())
          .credentials(TestBrokers.SHOP, TestBrokers.SHOP_KEY).build();

      send(EmbeddedBroker.connectionFactoryFor(external), "billing.requests", "via url");

      assertThat(receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("via url");
    }
  }

  @Test
  void shouldGenerateMikroBillsOwnPasswordInAnOwnerOnlyFileAndKeepItAcrossRestarts() throws Exception {
    Path passwordFile = dataDir.resolve("broker-password");
    BrokerSettings settings = TestBrokers.settings(dataDir).build();
    String first;
    try (EmbeddedBroker broker = new EmbeddedBroker(settings).start()) {
      assertThat(passwordFile).exists();
      assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      first = Files.readString(passwordFile).strip();
      assertThat(first).hasSizeGreaterThanOrEqualTo(40);
      assertThat(broker.identity().username()).isEqualTo("mikrobill");
      assertThat(broker.identity().password()).isEqualTo(first);
      assertThat(broker.identity().toString()).doesNotContain(first);
      send(broker.connectionFactory(), "billing.requests", "before restart");
    }

    try (EmbeddedBroker restarted = new EmbeddedBroker(settings).start()) {
      assertThat(Files.readString(passwordFile).strip()).isEqualTo(first);
      assertThat(receiveText(restarted.connectionFactory(), "billing.requests")).isEqualTo("before restart");
    }
  }

  @Test
  void shouldTakeMikroBillsOwnCredentialsFromTheSettingsWithoutWritingAFile() throws Exception {
    BrokerSettings settings = TestBrokers.settings(dataDir).credentials("billing-app", "given-s3cret").build();
    try (EmbeddedBroker broker = new EmbeddedBroker(settings).start()) {
      send(TestBrokers.core(broker, "billing-app", "given-s3cret"), "billing.requests", "given");

      assertThat(receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("given");
      assertThat(dataDir.resolve("broker-password")).doesNotExist();
    }
  }

  @Test
  void shouldTightenAPasswordFileOthersCanReadAndRefuseAnEmptyOne() throws Exception {
    Path passwordFile = dataDir.resolve("broker-password");
    Files.writeString(passwordFile, "chosen-by-hand\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(BrokerIdentity.readOrCreate(passwordFile)).isEqualTo("chosen-by-hand");
    assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    Files.writeString(passwordFile, "  \n");
    assertThatThrownBy(() -> BrokerIdentity.readOrCreate(passwordFile))
        .isInstanceOf(BrokerSettingsException.class)
        .hasMessageContaining("BROKER_PASSWORD_FILE=" + passwordFile.toAbsolutePath());
  }

  static void send(ConnectionFactory factory, String queue, String text) {
    try (JMSContext context = factory.createContext()) {
      JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
      producer.send(context.createQueue(queue), text);
    }
  }

  static String receiveText(ConnectionFactory factory, String queue) throws Exception {
    try (JMSContext context = factory.createContext()) {
      Queue destination = context.createQueue(queue);
      Message message = context.createConsumer(destination).receive(RECEIVE_TIMEOUT_MS);
      assertThat(message).as("a message on %s within %d ms", queue, RECEIVE_TIMEOUT_MS).isInstanceOf(TextMessage.class);
      return ((TextMessage) message).getText();
    }
  }
}
