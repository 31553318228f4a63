package io.mikrobill.security;

/** The client's host from an address as servers give it: {@code 127.0.0.1:51234}, {@code /127.0.0.1:51234}, {@code /[::1]:51234}. */
public final class ClientAddress {

  private ClientAddress() {}

  /** The host alone (no port, no leading slash, no IPv6 brackets); null stays null. Lockouts count per host. */
  public static String host(String remote) {
    if (remote == null) {
      return null;
    }
    String r = remote.startsWith("/") ? remote.substring(1) : remote;
    if (r.matches(".*:\\d+")) {
      r = r.substring(0, r.lastIndexOf(':'));
    }
    return r.startsWith("[") && r.endsWith("]") ? r.substring(1, r.length() - 1) : r;
  }
}
