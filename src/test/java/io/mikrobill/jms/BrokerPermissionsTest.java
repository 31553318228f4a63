package io.mikrobill.jms;

import static io.mikrobill.jms.TestBrokers.ADMIN;
import static io.mikrobill.jms.TestBrokers.ADMIN_PASSWORD;
import static io.mikrobill.jms.TestBrokers.MONITOR;
import static io.mikrobill.jms.TestBrokers.MONITOR_KEY;
import static io.mikrobill.jms.TestBrokers.OPERATOR;
import static io.mikrobill.jms.TestBrokers.OPERATOR_PASSWORD;
import static io.mikrobill.jms.TestBrokers.SHOP;
import static io.mikrobill.jms.TestBrokers.SHOP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each broker role gets exactly its rights: a billing key (or an operator) may only send to
 * billing.requests (and use its own reply queue); only MikroBill consumes billing.requests; only
 * an admin reads the dead letters and manages the broker; a monitor may do nothing.
 */
@Timeout(60)
class BrokerPermissionsTest {

  private static final String QUEUE = "billing.requests";
  private static final String DLQ = "billing.requests.DLQ";

  @TempDir Path dataDir;

  @Test
  void shouldLetABillingKeySendToTheQueueButNotConsumeItReadTheDeadLettersOrCreateAddresses() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      ConnectionFactory shop = TestBrokers.core(broker, SHOP, SHOP_KEY);
      EmbeddedBrokerTest.send(shop, QUEUE, "{\"from\":\"shop\"}");
      EmbeddedBrokerTest.send(broker.connectionFactory(), DLQ, "{\"password\":\"***\"}");

      assertThatThrownBy(() -> receive(shop, QUEUE)).isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> receive(shop, DLQ)).isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> browse(shop, DLQ)).isInstanceOf(JMSSecurityException.class).hasMessageContaining("'BROWSE'");
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(shop, "shop.private.queue", "x")).isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(shop, DLQ, "forged")).isInstanceOf(JMSSecurityRuntimeException.class);
      try (JMSContext context = shop.createContext()) {
        assertThatThrownBy(context::createTemporaryQueue).isInstanceOf(JMSSecurityRuntimeException.class);
      }

      // nothing was taken: MikroBill still gets the request, and the dead letter is still there
      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), QUEUE)).isEqualTo("{\"from\":\"shop\"}");
      assertThat(EmbeddedBrokerTest.receiveText(TestBrokers.core(broker, ADMIN, ADMIN_PASSWORD), DLQ)).isEqualTo("{\"password\":\"***\"}");
    }
  }

  @Test
  void shouldLetAnOperatorSendButNotConsumeAndAMonitorDoNothing() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      ConnectionFactory operator = TestBrokers.core(broker, OPERATOR, OPERATOR_PASSWORD);
      ConnectionFactory monitor = TestBrokers.core(broker, MONITOR, MONITOR_KEY);

      EmbeddedBrokerTest.send(operator, QUEUE, "{\"from\":\"operator\"}");
      assertThatThrownBy(() -> receive(operator, QUEUE)).isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(monitor, QUEUE, "x")).isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> receive(monitor, QUEUE)).isInstanceOf(JMSSecurityRuntimeException.class);

      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), QUEUE)).isEqualTo("{\"from\":\"operator\"}");
    }
  }

  @Test
  void shouldRefuseBrokerManagementToABillingKeyAndAllowItToAnAdmin() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir);
        ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + broker.port())
            .setBlockOnDurableSend(true).setBlockOnNonDurableSend(true);
        ClientSessionFactory sessions = locator.createSessionFactory()) {
      try (ClientSession shop = sessions.createSession(SHOP, SHOP_KEY, false, true, true, false, 0);
          ClientProducer producer = shop.createProducer(BrokerPermissions.MANAGEMENT_ADDRESS)) {
        ClientMessage destroy = shop.createMessage(false);
        ManagementHelper.putOperationInvocation(destroy, ResourceNames.BROKER, "destroyQueue", QUEUE);

        assertThatThrownBy(() -> producer.send(destroy)).isInstanceOf(ActiveMQSecurityException.class);
      }
      assertThat(queueExists(broker, QUEUE)).as("billing.requests survives").isTrue();

      try (ClientSession admin = sessions.createSession(ADMIN, ADMIN_PASSWORD, false, true, true, false, 0)) {
        admin.start();
        ClientRequestor requestor = new ClientRequestor(admin, BrokerPermissions.MANAGEMENT_ADDRESS);
        ClientMessage ask = admin.createMessage(false);
        ManagementHelper.putAttribute(ask, ResourceNames.BROKER, "version");

        ClientMessage reply = requestor.request(ask, TestBrokers.RECEIVE_TIMEOUT_MS);

        assertThat(reply).isNotNull();
        assertThat(ManagementHelper.hasOperationSucceeded(reply)).isTrue();
        requestor.close();
      }
    }
  }

  @Test
  void shouldRefuseToConsumeOverStompToABillingKey() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir);
        StompSocket shop = new StompSocket(broker.port())) {
      assertThat(shop.connect(SHOP, SHOP_KEY).command()).isEqualTo("CONNECTED");

      shop.subscribe(QUEUE);

      assertThat(shop.read().command()).isEqualTo("ERROR");
    }
  }

  @Test
  void shouldLetEachPrincipalUseOnlyItsOwnReplyQueue() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      ConnectionFactory shop = TestBrokers.core(broker, SHOP, SHOP_KEY);
      String own = BrokerSecurityManager.REPLY_PREFIX + SHOP;
      try (JMSContext context = shop.createContext()) {
        // subscribing creates the queue: the reply queue exists before MikroBill answers into it
        var consumer = context.createConsumer(context.createQueue(own));
        EmbeddedBrokerTest.send(broker.connectionFactory(), own, "{\"status\":\"applied\"}");
        Message reply = consumer.receive(TestBrokers.RECEIVE_TIMEOUT_MS);
        assertThat(reply).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) reply).getText()).isEqualTo("{\"status\":\"applied\"}");
      }

      assertThatThrownBy(() -> receive(shop, BrokerSecurityManager.REPLY_PREFIX + OPERATOR)).isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> receive(TestBrokers.core(broker, MONITOR, MONITOR_KEY), BrokerSecurityManager.REPLY_PREFIX + MONITOR))
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> EmbeddedBrokerTest.send(shop, own, "forged reply")).isInstanceOf(JMSSecurityRuntimeException.class);
    }
  }

  private static Message receive(ConnectionFactory factory, String queue) {
    try (JMSContext context = factory.createContext()) {
      return context.createConsumer(context.createQueue(queue)).receive(200);
    }
  }

  private static void browse(ConnectionFactory factory, String queue) throws Exception {
    try (JMSContext context = factory.createContext()) {
      context.createBrowser(context.createQueue(queue)).getEnumeration().hasMoreElements();
    }
  }

  private static boolean queueExists(EmbeddedBroker broker, String queue) throws Exception {
    try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + broker.port());
        ClientSessionFactory sessions = locator.createSessionFactory();
        ClientSession own = sessions.createSession(broker.identity().username(), broker.identity().password(), false, true, true,
            false, 0)) {
      return own.queueQuery(SimpleString.of(queue)).isExists();
    }
  }
}
