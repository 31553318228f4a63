package io.mikrobill.routeros;

import java.util.List;

/** No final reply arrived in time. For a write, the router may or may not have applied it. */
public class RouterOsTimeoutException extends RouterOsException {

  public RouterOsTimeoutException(String message) {
    super(
        ErrorType.TIMEOUT,
        Severity.MEDIUM,
        message,
        null,
        List.of(
            "The router may be overloaded: check /system resource cpu-load",
            "Raise MIKROTIK_TIMEOUT if the command is slow by nature (large print, fetch)",
            "For writes, read the item back before retrying: it may have been applied"));
  }
}
