package io.mikrobill.jms;

import io.mikrobill.security.Credentials;
import jakarta.jms.ConnectionFactory;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker inside this process, configured by {@link ArtemisConfiguration}: one
 * port that accepts CORE, AMQP, STOMP and OpenWire, so a legacy system needs only a socket to hand
 * in a billing request, and a persistent journal so accepted requests survive a restart. Every
 * connection logs in: MikroBill's own ({@link BrokerIdentity}, used by {@link #connectionFactory()})
 * or a MikroBill principal checked by the {@link Credentials} given here.
 *
 * <p>Artemis logs a failed start and carries on rather than throwing, so {@link #start()} checks
 * that the server is active and the acceptor listening, and refuses otherwise.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final BrokerSettings settings;
  private final Credentials credentials;
  private EmbeddedActiveMQ embedded;
  private BrokerIdentity identity;
  private int port = -1;

  /** A broker only MikroBill's own login can use: no principal is known to it. */
  public EmbeddedBroker(BrokerSettings settings) {
    this(settings, (login, secret) -> Optional.empty());
  }

  /** A broker that also lets in the principals {@code credentials} knows, each with its role's rights. */
  public EmbeddedBroker(BrokerSettings settings, Credentials credentials) {
    if (!settings.embedded()) {
      throw new BrokerSettingsException("embedded broker refused: " + BrokerSettings.ENV_URL + "="
          + settings.url().orElseThrow() + " names an external broker; use connectionFactoryFor(settings)");
    }
    this.settings = settings;
    this.credentials = credentials;
  }

  /** Connection factory for an external broker ({@code BROKER_URL}), with the credentials if set. */
  public static ConnectionFactory connectionFactoryFor(BrokerSettings settings) {
    String url = settings.url().orElseThrow(() -> new BrokerSettingsException(
        BrokerSettings.ENV_URL + " is not set; start an EmbeddedBroker and use its connectionFactory()"));
    ActiveMQConnectionFactory factory;
    try {
      factory = new ActiveMQConnectionFactory(url);
    } catch (RuntimeException e) {
      throw new BrokerSettingsException(BrokerSettings.ENV_URL + "=" + url + " refused: " + e.getMessage(), e);
    }
    return withCredentials(factory, settings);
  }

  /** Starts the broker and waits until it listens; refuses if it cannot. Idempotent. */
  public synchronized EmbeddedBroker start() {
    if (embedded != null) {
      return this;
    }
    BrokerIdentity own = BrokerIdentity.of(settings);
    EmbeddedActiveMQ server = new EmbeddedActiveMQ()
        .setConfiguration(ArtemisConfiguration.of(settings))
        .setSecurityManager(new BrokerSecurityManager(own, credentials));
    try {
      server.start();
      ActiveMQServer core = server.getActiveMQServer();
      Acceptor acceptor = core.getRemotingService().getAcceptor(ArtemisConfiguration.ACCEPTOR);
      // A primary-only server activates inside start(): not active now means it failed.
      if (!core.isActive() || acceptor == null || !acceptor.isStarted()) {
        throw new IllegalStateException("server state=" + core.getState() + " acceptorStarted="
            + (acceptor != null && acceptor.isStarted())
            + " (the broker's log has the cause: port taken, or data directory held by another broker)");
      }
      port = ((NettyAcceptor) acceptor).getActualPort();
    } catch (Exception e) {
      stopQuietly(server);
      throw new BrokerLifecycleException("broker=embedded start failed bind=" + settings.bind() + " port=" + settings.port()
          + " dataDir=" + settings.dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
    }
    embedded = server;
    identity = own;
    LOG.info("broker=embedded started bind={} port={} protocols={} dataDir={} queue={} dlq={} login={} password={}",
        settings.bind(), port, ArtemisConfiguration.PROTOCOLS, settings.dataDir().toAbsolutePath(),
        settings.queue(), settings.deadLetterQueue(), own.username(),
        settings.password().isPresent() ? BrokerSettings.ENV_PASSWORD : settings.passwordFile().toAbsolutePath());
    return this;
  }

  /** The port the broker listens on: the configured one, or the one picked when 0 was asked. */
  public synchronized int port() {
    requireStarted();
    return port;
  }

  /** The settings this broker was built from. */
  public BrokerSettings settings() {
    return settings;
  }

  /** True between a successful {@link #start()} and {@link #close()}. */
  public synchronized boolean isRunning() {
    return embedded != null;
  }

  /** A CORE-protocol JMS connection factory for this broker, logged in as MikroBill's own identity. */
  public ConnectionFactory connectionFactory() {
    Map<String, Object> params = Map.of(
        TransportConstants.HOST_PROP_NAME, connectHost(settings.bind()),
        TransportConstants.PORT_PROP_NAME, port());
    TransportConfiguration connector = new TransportConfiguration(NettyConnectorFactory.class.getName(), params);
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(false, connector);
    BrokerIdentity own = identity();
    factory.setUser(own.username());
    factory.setPassword(own.password());
    return factory;
  }

  /** MikroBill's own login on this broker. */
  public synchronized BrokerIdentity identity() {
    requireStarted();
    return identity;
  }

  /** Stops the broker; messages already accepted stay in the journal. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (embedded == null) {
      return;
    }
    EmbeddedActiveMQ server = embedded;
    embedded = null;
    try {
      server.stop();
      LOG.info("broker=embedded stopped port={}", port);
    } catch (Exception e) {
      throw new BrokerLifecycleException("broker=embedded stop failed port=" + port + ": " + e.getMessage(), e);
    }
  }

  private void requireStarted() {
    if (embedded == null) {
      throw new BrokerLifecycleException("broker=embedded not started bind=" + settings.bind() + " port=" + settings.port(), null);
    }
  }

  private static ConnectionFactory withCredentials(ActiveMQConnectionFactory factory, BrokerSettings settings) {
    settings.username().ifPresent(factory::setUser);
    settings.password().ifPresent(factory::setPassword);
    return factory;
  }

  /** A wildcard bind (0.0.0.0, ::) listens everywhere, but a client must dial a real address. */
  private static String connectHost(String bind) {
    String host = bind.startsWith("[") && bind.endsWith("]") ? bind.substring(1, bind.length() - 1) : bind;
    return switch (host) {
      case "0.0.0.0", "::", "0:0:0:0:0:0:0:0" -> "127.0.0.1";
      default -> host;
    };
  }

  private static void stopQuietly(EmbeddedActiveMQ server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("broker=embedded stop after failed start failed error=\"{}\"", e.getMessage());
    }
  }
}
