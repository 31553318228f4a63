package io.mikrobill.routeros;

import java.util.List;

/** The TCP or TLS connection could not be made, or was lost while commands were pending. */
public class RouterOsConnectionException extends RouterOsException {

  public RouterOsConnectionException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /** A failure because this connection was lost; every command it failed shares {@code loss}. */
  public RouterOsConnectionException(String message, Throwable cause, ConnectionLoss loss) {
    super(
        ErrorType.CONNECTION,
        Severity.HIGH,
        message,
        cause,
        List.of(
            "Check that the router is reachable from this host (ping, firewall, routing)",
            "Check that the API service is enabled: /ip service print (api 8728, api-ssl 8729)",
            "Retry later: the request was not confirmed by the router"),
        loss);
  }

  public RouterOsConnectionException(String message) {
    this(message, null);
  }
}
