package io.mikrobill.routeros;

import java.util.List;

/** The router refused the login. The message holds the router's reason, never the password. */
public class RouterOsAuthenticationException extends RouterOsException {

  public RouterOsAuthenticationException(String message) {
    super(
        ErrorType.AUTHENTICATION,
        Severity.CRITICAL,
        message,
        null,
        List.of(
            "Check MIKROTIK_USERNAME and MIKROTIK_PASSWORD",
            "Check that the user's group has the 'api' policy (and 'read'/'write' as needed)",
            "Check /ip service allowed addresses for the api service"));
  }
}
