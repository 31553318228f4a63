package io.mikrobill.security;

/**
 * A caller refused before anything ran: 401 (unknown: no, a wrong, an expired or a disabled
 * credential), 403 (known, not allowed), 423 (the account is locked after failed logins) or 429
 * (this address or principal sends too much; {@code retryAfterSeconds} says when to retry).
 */
public final class AccessDenied extends RuntimeException {

  private final int status;
  private final String type;
  private final Integer retryAfterSeconds;

  public AccessDenied(int status, String type, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static AccessDenied unauthenticated(String message) {
    return new AccessDenied(401, "unauthorized", message, null);
  }

  public static AccessDenied forbidden(String message) {
    return new AccessDenied(403, "forbidden", message, null);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public String suggestion() {
    return switch (status) {
      case 401 -> "Send Authorization: Bearer <API key or session token>; log in with POST /auth/login";
      case 403 -> "Ask an admin for a principal with the role this needs";
      case 423 -> "The account is locked after failed logins; retry after the delay given";
      default -> "Slow down; retry after the delay given";
    };
  }
}
