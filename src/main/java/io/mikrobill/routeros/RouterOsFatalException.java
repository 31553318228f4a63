package io.mikrobill.routeros;

import java.util.List;

/** The router sent {@code !fatal} and closed the connection. Carries its bare reason. */
public class RouterOsFatalException extends RouterOsException {

  private final String reason;

  public RouterOsFatalException(String connection, String reason) {
    this(connection, reason, null);
  }

  /** The session ended; every command it failed shares {@code loss}. */
  public RouterOsFatalException(String connection, String reason, ConnectionLoss loss) {
    super(
        ErrorType.FATAL,
        Severity.HIGH,
        connection + " router closed the session: " + reason,
        null,
        List.of(
            "The router ended the API session; a new connection is needed",
            "Check the router's log for the reason (session limit, reboot, /quit)"),
        loss);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
