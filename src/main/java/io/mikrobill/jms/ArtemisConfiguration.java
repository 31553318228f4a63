package io.mikrobill.jms;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * Turns {@link BrokerSettings} into a programmatic Artemis configuration, so no broker.xml is
 * needed: one TCP acceptor speaking every protocol a legacy sender might use, a persistent journal
 * under the data directory, the billing queue and its dead-letter queue, and security always on:
 * every connection logs in ({@link BrokerSecurityManager}) and may do only what its role is
 * granted ({@link BrokerPermissions}).
 */
final class ArtemisConfiguration {

  static final String ACCEPTOR = "mikrobill";
  static final String PROTOCOLS = "CORE,AMQP,STOMP,OPENWIRE";
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

  private ArtemisConfiguration() {}

  static Configuration of(BrokerSettings settings) {
    Path data = settings.dataDir().toAbsolutePath();
    ConfigurationImpl config = new ConfigurationImpl();
    config.setName("mikrobill");
    config.setPersistenceEnabled(true);
    // Each message carries the login that sent it (_AMQ_VALIDATED_USER), set by the broker, so the
    // pipeline knows which principal asked and can hold it to its role and routers.
    config.setPopulateValidatedUser(true);
    // NIO, not AIO: container and tmpfs file systems often refuse O_DIRECT, and one billing
    // queue does not need libaio's throughput.
    config.setJournalType(JournalType.NIO);
    config.setJournalDirectory(data.resolve("journal").toString());
    config.setBindingsDirectory(data.resolve("bindings").toString());
    config.setPagingDirectory(data.resolve("paging").toString());
    config.setLargeMessagesDirectory(data.resolve("large-messages").toString());
    config.setNodeManagerLockDirectory(data.resolve("lock").toString());
    // Another broker holding the data directory would otherwise make start() wait forever.
    config.setJournalLockAcquisitionTimeout(LOCK_TIMEOUT.toMillis());
    // Several brokers may live in one JVM (tests); JMX would make their names collide.
    config.setJMXManagementEnabled(false);
    config.addAcceptorConfiguration(acceptor(settings));
    config.addAddressConfiguration(anycast(settings.queue()));
    config.addAddressConfiguration(anycast(settings.deadLetterQueue()));
    config.addAddressSetting(settings.queue(), new AddressSettings()
        .setDeadLetterAddress(SimpleString.of(settings.deadLetterQueue()))
        // a request that expires unprocessed is kept for an operator, like one that kept failing
        .setExpiryAddress(SimpleString.of(settings.deadLetterQueue()))
        .setAutoCreateDeadLetterResources(false)
        .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
        .setRedeliveryDelay(settings.redeliveryDelay().toMillis()));
    config.setSecurityEnabled(true);
    // Artemis lets its cluster user in past the security manager; its default password is public
    // ("CHANGE ME!!"). No cluster is formed here, so the password is random and never kept.
    config.setClusterPassword(randomSecret());
    config.setManagementAddress(SimpleString.of(BrokerPermissions.MANAGEMENT_ADDRESS));
    BrokerPermissions.of(settings.queue(), settings.deadLetterQueue()).forEach(config::putSecurityRoles);
    return config;
  }

  private static String randomSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static TransportConfiguration acceptor(BrokerSettings settings) {
    Map<String, Object> params = Map.of(
        TransportConstants.HOST_PROP_NAME, settings.bind(),
        TransportConstants.PORT_PROP_NAME, settings.port(),
        TransportConstants.PROTOCOLS_PROP_NAME, PROTOCOLS,
        // AMQP: offer PLAIN only; Artemis would otherwise also offer ANONYMOUS (and accept it in SASL)
        "saslMechanisms", "PLAIN",
        // OpenWire: no advisory topics, so a sender needs no right to create queues on them
        "supportAdvisory", false);
    return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, ACCEPTOR);
  }

  private static CoreAddressConfiguration anycast(String name) {
    return new CoreAddressConfiguration()
        .setName(name)
        .addRoutingType(RoutingType.ANYCAST)
        .setQueueConfigs(List.of(QueueConfiguration.of(name)
            .setAddress(name)
            .setRoutingType(RoutingType.ANYCAST)
            .setDurable(true)));
  }
}
