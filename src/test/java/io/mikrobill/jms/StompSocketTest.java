package io.mikrobill.jms;

import static org.apache.activemq.artemis.api.core.Message.HDR_CONTENT_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A legacy system with nothing but a socket hands in a JSON request over hand-written STOMP. */
@Timeout(60)
class StompSocketTest {

  private static final String JSON = "{\"user\":\"alice\",\"plan\":\"gold\"}";

  @TempDir Path dataDir;

  @Test
  void shouldDeliverAJsonRequestSentOverAPlainSocketToAStompSubscriber() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      try (StompSocket sender = new StompSocket(broker.port())) {
        assertThat(sender.connect(TestBrokers.SHOP, TestBrokers.SHOP_KEY).command()).isEqualTo("CONNECTED");
        StompSocket.Frame receipt = sender.sendJson("billing.requests", JSON, "r-1");
        assertThat(receipt.command()).isEqualTo("RECEIPT");
        assertThat(receipt.headers()).containsEntry("receipt-id", "r-1");
      }

      try (StompSocket receiver = new StompSocket(broker.port())) {
        // only MikroBill's own login may consume the billing queue
        assertThat(receiver.connect(broker.identity().username(), broker.identity().password()).command()).isEqualTo("CONNECTED");
        receiver.subscribe("billing.requests");
        StompSocket.Frame message = receiver.read();

        assertThat(message.command()).isEqualTo("MESSAGE");
        assertThat(message.body()).isEqualTo(JSON);
        assertThat(message.headers()).containsEntry("content-type", "application/json");
      }
    }
  }

  @Test
  void shouldDeliverAStompRequestToAJmsConsumerAsATextMessage() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      try (StompSocket sender = new StompSocket(broker.port())) {
        assertThat(sender.connect(TestBrokers.SHOP, TestBrokers.SHOP_KEY).command()).isEqualTo("CONNECTED");
        assertThat(sender.sendJson("billing.requests", JSON, "r-2").command()).isEqualTo("RECEIPT");
      }

      try (JMSContext context = broker.connectionFactory().createContext()) {
        Message message = context.createConsumer(context.createQueue("billing.requests")).receive(TestBrokers.RECEIVE_TIMEOUT_MS);

        assertThat(message).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) message).getText()).isEqualTo(JSON);
        // Artemis keeps STOMP's content-type under its own header name
        assertThat(message.getStringProperty(HDR_CONTENT_TYPE.toString())).isEqualTo("application/json");
      }
    }
  }
}
