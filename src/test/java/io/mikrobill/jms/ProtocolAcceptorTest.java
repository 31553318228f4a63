package io.mikrobill.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one port speaks OpenWire (ActiveMQ 5 clients) and AMQP too, not only CORE and STOMP. */
@Timeout(60)
class ProtocolAcceptorTest {

  @TempDir Path dataDir;

  @Test
  void shouldDeliverAMessageSentByAnOpenWireClientToACoreJmsConsumer() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir)) {
      sendOverOpenWire(broker, TestBrokers.SHOP, TestBrokers.SHOP_KEY, "{\"via\":\"openwire\"}");

      assertThat(EmbeddedBrokerTest.receiveText(broker.connectionFactory(), "billing.requests")).isEqualTo("{\"via\":\"openwire\"}");
    }
  }

  @Test
  void shouldAnswerTheAmqpProtocolHeaderWithAnAmqpHeader() throws Exception {
    try (EmbeddedBroker broker = TestBrokers.start(dataDir);
        Socket socket = new Socket("127.0.0.1", broker.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
      out.flush();

      byte[] answer = new byte[8];
      new DataInputStream(socket.getInputStream()).readFully(answer);

      assertThat(new String(answer, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("AMQP");
      assertThat(answer[5]).as("AMQP major version").isEqualTo((byte) 1);
    }
  }

  /** Sends one text message to billing.requests as an ActiveMQ 5 (OpenWire) client logged in as {@code user}. */
  static void sendOverOpenWire(EmbeddedBroker broker, String user, String password, String text) throws javax.jms.JMSException {
    var factory = new org.apache.activemq.ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker.port());
    factory.setUserName(user);
    factory.setPassword(password);
    javax.jms.Connection connection = factory.createConnection();
    try {
      connection.start();
      javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
      session.createProducer(session.createQueue("billing.requests")).send(session.createTextMessage(text));
    } finally {
      connection.close();
    }
  }
}
