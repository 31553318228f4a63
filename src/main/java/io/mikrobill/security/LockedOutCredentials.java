package io.mikrobill.security;

import java.util.Optional;

/**
 * The principals as another protocol (the broker) checks them: the HTTP edge's lockout applies
 * (a locked account or address is refused, every failure counts), and each refusal is a security
 * event with the address. A wrong secret tells the caller nothing more than a refusal.
 */
public final class LockedOutCredentials implements Credentials {

  private final Authenticator auth;
  private final SecurityEventLog events;
  private final String source;

  public LockedOutCredentials(Authenticator auth, SecurityEventLog events, String source) {
    this.auth = auth;
    this.events = events;
    this.source = source;
  }

  @Override
  public Optional<Principal> check(String login, String secret) {
    return check(login, secret, null);
  }

  @Override
  public Optional<Principal> check(String login, String secret, String address) {
    try {
      return Optional.of(auth.checkCredentials(login, secret, address));
    } catch (AccessDenied d) {
      events.refused(source, d.type(), source + " login as '" + login + "': " + d.getMessage(), null, address);
      return Optional.empty();
    }
  }
}
