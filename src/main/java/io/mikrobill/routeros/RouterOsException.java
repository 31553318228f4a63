package io.mikrobill.routeros;

import java.util.List;

/**
 * Root of every error raised while talking to a router. Unchecked, typed, and carrying the fields
 * of the guide's "enhanced errors": a {@link ErrorType type}, a {@link Severity severity} and
 * recovery suggestions an operator can act on.
 *
 * <p>Messages never contain a password: callers build them from router ids, hosts and the
 * router's own words only.
 */
public abstract class RouterOsException extends RuntimeException {

  /** What kind of failure this is; stable names used in JSON errors and metrics. */
  public enum ErrorType {
    CONNECTION("connection"),
    AUTHENTICATION("authentication"),
    TIMEOUT("timeout"),
    TRAP("trap"),
    FATAL("fatal"),
    PROTOCOL("protocol"),
    POOL_EXHAUSTED("pool-exhausted"),
    RATE_LIMITED("rate-limit-exceeded"),
    CIRCUIT_OPEN("circuit-open");

    private final String wireName;

    ErrorType(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** How bad it is for the caller. */
  public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
  }

  private final ErrorType type;
  private final Severity severity;
  private final List<String> recoverySuggestions;
  private final ConnectionLoss connectionLoss;

  protected RouterOsException(
      ErrorType type,
      Severity severity,
      String message,
      Throwable cause,
      List<String> recoverySuggestions) {
    this(type, severity, message, cause, recoverySuggestions, null);
  }

  protected RouterOsException(
      ErrorType type,
      Severity severity,
      String message,
      Throwable cause,
      List<String> recoverySuggestions,
      ConnectionLoss connectionLoss) {
    super(message, cause);
    this.type = type;
    this.severity = severity;
    this.recoverySuggestions = List.copyOf(recoverySuggestions);
    this.connectionLoss = connectionLoss;
  }

  public ErrorType type() {
    return type;
  }

  public Severity severity() {
    return severity;
  }

  public List<String> recoverySuggestions() {
    return recoverySuggestions;
  }

  /**
   * The loss of the connection this failure came from, shared by every command that failed
   * with it; null when the failure is not a lost connection.
   */
  public ConnectionLoss connectionLoss() {
    return connectionLoss;
  }

  /** Whether retrying the same request later may succeed without changing it. */
  public boolean isTransient() {
    return switch (type) {
      case CONNECTION, TIMEOUT, FATAL, POOL_EXHAUSTED, RATE_LIMITED, CIRCUIT_OPEN -> true;
      case AUTHENTICATION, TRAP, PROTOCOL -> false;
    };
  }
}
