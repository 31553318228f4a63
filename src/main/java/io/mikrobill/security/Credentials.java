package io.mikrobill.security;

import java.util.Optional;

/**
 * Checks a login and secret pair against MikroBill's principals: a person's username and password,
 * or an API key's name and the key itself. Used where a protocol has its own login (the broker's
 * STOMP, AMQP, CORE and OpenWire connections); the HTTP edge uses bearer tokens instead. Disabled
 * principals and wrong secrets give empty; the caller learns nothing about which was wrong.
 */
@FunctionalInterface
public interface Credentials {

  Optional<Principal> check(String login, String secret);

  /** The same from {@code address} (the client's host), so failures can count against it; by default it is not used. */
  default Optional<Principal> check(String login, String secret, String address) {
    return check(login, secret);
  }
}
