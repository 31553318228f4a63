package io.mikrobill.jms;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a bind address is reachable only from this host: {@code localhost},
 * 127.0.0.0/8 or ::1. Any other host name counts as reachable from outside, and no DNS lookup is
 * made: a name that resolves to loopback today may not tomorrow.
 */
final class LoopbackAddress {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private LoopbackAddress() {}

  static boolean matches(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    if (!IPV4.matcher(h).matches() && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, never resolved
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
