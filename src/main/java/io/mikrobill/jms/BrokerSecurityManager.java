package io.mikrobill.jms;

import io.mikrobill.security.Credentials;
import io.mikrobill.security.Principal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.CompositeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to the embedded broker, on every protocol (CORE, AMQP, STOMP, OpenWire), and
 * with which broker role. MikroBill's own login ({@link BrokerIdentity}) is checked first and gets
 * the role {@value BrokerPermissions#INTERNAL}; any other login is a MikroBill principal checked
 * by {@link Credentials} (a person's username and password, or an API key's name and the key) and
 * gets its role's name ({@code admin}, {@code operator}, {@code billing}, {@code monitor}). No
 * login, or a wrong one, gets nothing: there is no anonymous access. A principal can never log in
 * under MikroBill's own username.
 *
 * <p>What each role may do on which address comes from {@link BrokerPermissions} through Artemis'
 * security settings. One rule depends on the login itself and is applied here: an {@code admin},
 * {@code operator} or {@code billing} principal may create, and consume from, the one reply queue
 * named after it, {@code billing.replies.<login>}, so a system can ask for a JMSReplyTo without
 * the right to create other queues or read anyone else's replies.
 *
 * <p>Artemis caches successful logins and authorisations for its security invalidation interval
 * (10 s by default): a disabled key may keep working for that long on a connection it opened.
 */
final class BrokerSecurityManager implements ActiveMQSecurityManager5 {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurityManager.class);

  /** Prefix of the per-login reply queues. */
  static final String REPLY_PREFIX = "billing.replies.";

  private static final Set<CheckType> REPLY_QUEUE_RIGHTS = EnumSet.of(CheckType.CREATE_ADDRESS,
      CheckType.CREATE_DURABLE_QUEUE, CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.CONSUME, CheckType.BROWSE);
  private static final Set<String> REPLY_QUEUE_ROLES = Set.of(BrokerPermissions.ADMIN, BrokerPermissions.OPERATOR,
      BrokerPermissions.BILLING);

  private final BrokerIdentity internal;
  private final Credentials credentials;

  BrokerSecurityManager(BrokerIdentity internal, Credentials credentials) {
    this.internal = internal;
    this.credentials = credentials;
  }

  @Override
  public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
    if (user == null || user.isEmpty() || password == null) {
      return null;
    }
    if (user.equals(internal.username())) {
      return internal.matches(user, password) ? subject(user, BrokerPermissions.INTERNAL) : null;
    }
    Optional<Principal> principal;
    try {
      principal = credentials.check(user, password, io.mikrobill.security.ClientAddress.host(remote(connection)));
    } catch (RuntimeException e) {
      // a broken principal store refuses the login; it must not take the broker's thread down
      LOG.warn("broker=embedded login check failed remote={} error=\"{}\"", remote(connection), e.toString());
      return null;
    }
    return principal.map(p -> subject(user, p.role().wireName())).orElse(null);
  }

  @Override
  public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
    if (subject == null) {
      return false;
    }
    Set<RolePrincipal> held = subject.getPrincipals(RolePrincipal.class);
    for (Role role : roles) {
      if (checkType.hasRole(role) && held.contains(new RolePrincipal(role.getName()))) {
        return true;
      }
    }
    return REPLY_QUEUE_RIGHTS.contains(checkType) && isOwnReplyQueue(subject, held, address);
  }

  private static boolean isOwnReplyQueue(Subject subject, Set<RolePrincipal> held, String address) {
    if (address == null || held.stream().noneMatch(r -> REPLY_QUEUE_ROLES.contains(r.getName()))) {
      return false;
    }
    String bare = CompositeAddress.extractAddressName(SimpleString.of(address)).toString();
    return subject.getPrincipals(UserPrincipal.class).stream().anyMatch(u -> bare.equals(REPLY_PREFIX + u.getName()));
  }

  /** Only the {@link ActiveMQSecurityManager5} methods are used by the broker; these refuse. */
  @Override
  public boolean validateUser(String user, String password) {
    return false;
  }

  @Override
  public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
    return false;
  }

  private static Subject subject(String user, String role) {
    Subject subject = new Subject();
    subject.getPrincipals().add(new UserPrincipal(user));
    subject.getPrincipals().add(new RolePrincipal(role));
    return subject;
  }

  private static String remote(RemotingConnection connection) {
    return connection == null ? "unknown" : connection.getRemoteAddress();
  }
}
