package io.mikrobill.jms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.security.Role;

/**
 * What each broker role may do, as Artemis security settings (address match to roles). Artemis
 * takes the most specific match alone (matches are not merged), so every match lists every role
 * that may touch it:
 *
 * <pre>
 * match                 mikrobill (own login)        admin                          operator, billing   monitor
 * billing.requests      send, consume                send                           send                -
 * billing.requests.DLQ  send                         consume, browse                -                   -
 * activemq.management   -                            manage, send                   -                   -
 * # (everything else)   send, create address and     send, consume, browse, create  -                   -
 *                       queues (replies)             address and temporary queues
 * </pre>
 *
 * Nobody consumes or browses {@code billing.requests} but MikroBill, and only an admin reads the
 * dead letters (they are other senders' requests). Request-reply for systems without admin rights
 * goes through one reply queue per login, {@code billing.replies.<login>}: that rule depends on
 * who logs in, so {@link BrokerSecurityManager} applies it, not these settings.
 */
final class BrokerPermissions {

  /** The broker role of MikroBill's own login; never a {@link io.mikrobill.security.Role}'s name. */
  static final String INTERNAL = "mikrobill";
  static final String ADMIN = io.mikrobill.security.Role.ADMIN.wireName();
  static final String OPERATOR = io.mikrobill.security.Role.OPERATOR.wireName();
  static final String BILLING = io.mikrobill.security.Role.BILLING.wireName();
  static final String MANAGEMENT_ADDRESS = "activemq.management";

  private BrokerPermissions() {}

  /** The security settings of a broker serving {@code queue} and {@code deadLetterQueue}. */
  static Map<String, Set<Role>> of(String queue, String deadLetterQueue) {
    Map<String, Set<Role>> matches = new LinkedHashMap<>();
    matches.put(queue, Set.of(
        role(INTERNAL).send().consume().build(),
        role(ADMIN).send().build(),
        role(OPERATOR).send().build(),
        role(BILLING).send().build()));
    matches.put(deadLetterQueue, Set.of(
        role(INTERNAL).send().build(),
        role(ADMIN).consume().browse().build()));
    matches.put(MANAGEMENT_ADDRESS, Set.of(role(ADMIN).manage().send().build()));
    matches.put("#", Set.of(
        // replies to whatever JMSReplyTo names; auto-creating a named reply queue needs the create rights
        role(INTERNAL).send().createAddress().createDurableQueue().createNonDurableQueue().build(),
        // an admin's own temporary queues (the replies of management calls, request-reply)
        role(ADMIN).send().consume().browse().createAddress().createNonDurableQueue().deleteNonDurableQueue().deleteAddress().build()));
    return matches;
  }

  private static Grant role(String name) {
    return new Grant(name);
  }

  /** Builds an Artemis {@link Role} with only the named rights. */
  private static final class Grant {
    private final Role role = new Role();

    Grant(String name) {
      role.setName(name);
    }

    Grant send() {
      role.setSend(true);
      return this;
    }

    Grant consume() {
      role.setConsume(true);
      return this;
    }

    Grant browse() {
      role.setBrowse(true);
      return this;
    }

    Grant manage() {
      role.setManage(true);
      return this;
    }

    Grant createAddress() {
      role.setCreateAddress(true);
      return this;
    }

    Grant deleteAddress() {
      role.setDeleteAddress(true);
      return this;
    }

    Grant createDurableQueue() {
      role.setCreateDurableQueue(true);
      return this;
    }

    Grant createNonDurableQueue() {
      role.setCreateNonDurableQueue(true);
      return this;
    }

    Grant deleteNonDurableQueue() {
      role.setDeleteNonDurableQueue(true);
      return this;
    }

    Role build() {
      return role;
    }
  }
}
