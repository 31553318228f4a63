package io.mikrobill.routeros;

import java.util.List;

/**
 * The bytes on the wire do not form valid API sentences. The connection state may be out of
 * sync, so the connection that saw this is closed.
 */
public class RouterOsProtocolException extends RouterOsException {

  public RouterOsProtocolException(String message) {
    super(
        ErrorType.PROTOCOL,
        Severity.HIGH,
        message,
        null,
        List.of(
            "Check that the port is the RouterOS API port (8728, or 8729 with TLS)",
            "If TLS is enabled on the router, connect with TLS"));
  }
}
