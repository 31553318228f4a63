package io.mikrobill.jms;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * Turns {@link BrokerSettings} into a programmatic Artemis configuration, so no broker.xml is
 * needed: one TCP acceptor speaking every protocol a legacy sender might use, a persistent journal
 * under the data directory, the billing queue and its dead-letter queue, and either no security
 * (loopback) or one user whose single role may do everything but manage the broker.
 */
final class ArtemisConfiguration {

  static final String ACCEPTOR = "mikrobill";
  static final String PROTOCOLS = "CORE,AMQP,STOMP,OPENWIRE";
  static final String ROLE = "mikrobill";
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

  private ArtemisConfiguration() {}

  static Configuration of(BrokerSettings settings) {
    Path data = settings.dataDir().toAbsolutePath();
    ConfigurationImpl config = new ConfigurationImpl();
    config.setName("mikrobill");
    config.setPersistenceEnabled(true);
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
    config.setSecurityEnabled(settings.securityEnabled());
    if (settings.securityEnabled()) {
      config.putSecurityRoles("#", Set.of(clientRole()));
    }
    return config;
  }

  static ActiveMQSecurityManager securityManager(BrokerSettings settings) {
    SecurityConfiguration users = new SecurityConfiguration();
    settings.username().ifPresent(user -> {
      users.addUser(user, settings.password().orElseThrow());
      users.addRole(user, ROLE);
    });
    return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
  }

  private static TransportConfiguration acceptor(BrokerSettings settings) {
    Map<String, Object> params = Map.of(
        TransportConstants.HOST_PROP_NAME, settings.bind(),
        TransportConstants.PORT_PROP_NAME, settings.port(),
        TransportConstants.PROTOCOLS_PROP_NAME, PROTOCOLS);
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

  /** Everything a client of the pipeline needs, temporary reply queues included; no management. */
  private static Role clientRole() {
    Role role = new Role();
    role.setName(ROLE);
    role.setSend(true);
    role.setConsume(true);
    role.setBrowse(true);
    role.setCreateAddress(true);
    role.setDeleteAddress(true);
    role.setCreateDurableQueue(true);
    role.setCreateNonDurableQueue(true);
    role.setDeleteNonDurableQueue(true);
    return role;
  }
}
