package io.mikrobill.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IPv4, IPv6 and MAC addresses, parsed by hand: {@link java.net.InetAddress} would resolve a host
 * name it does not recognise as an address, and accepts forms (octal, short IPv4) a router does
 * not. IPv4 is four decimal octets 0 to 255 without leading zeros ({@code 010} is octal to some
 * parsers, decimal to others). IPv6 is up to eight groups of 1 to 4 hex digits with at most one
 * {@code ::}, optionally ending in an IPv4 address; no zone id, no prefix length.
 */
public final class NetworkAddress {

  private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private NetworkAddress() {}

  /** An IPv4 or IPv6 address, kept as written (IPv6 in lower case). */
  public static Verdict ipAddress(String v) {
    if (isIpv4(v)) {
      return Verdict.ok(v);
    }
    if (isIpv6(v)) {
      return Verdict.ok(v.toLowerCase(Locale.ROOT));
    }
    return Verdict.fail(FieldError.FORMAT, "must be an IPv4 address such as 10.0.0.1 or an IPv6 address such as fd00::1");
  }

  /** {@code AA:BB:CC:DD:EE:FF}, returned in upper case as RouterOS prints it. */
  public static Verdict macAddress(String v) {
    if (!MAC.matcher(v).matches()) {
      return Verdict.fail(FieldError.FORMAT, "must be a MAC address such as AA:BB:CC:DD:EE:FF");
    }
    return Verdict.ok(v.toUpperCase(Locale.ROOT));
  }

  public static boolean isIpv4(String v) {
    if (v.isEmpty() || v.length() > 15) {
      return false;
    }
    String[] octets = v.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (o.length() > 1 && o.charAt(0) == '0') {
        return false;
      }
      if (Integer.parseInt(o) > 255) {
        return false;
      }
    }
    return true;
  }

  public static boolean isIpv6(String v) {
    if (v.length() < 2 || v.length() > 45) {
      return false;
    }
    int gap = v.indexOf("::");
    if (gap >= 0 && v.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    String left = gap >= 0 ? v.substring(0, gap) : v;
    String right = gap >= 0 ? v.substring(gap + 2) : "";
    // An embedded IPv4 address may only end the whole address.
    String[] leftGroups = groups(left);
    String[] rightGroups = groups(right);
    if (leftGroups == null || rightGroups == null) {
      return false;
    }
    int count = 0;
    String[] last = gap >= 0 ? rightGroups : leftGroups;
    for (String[] side : new String[][] {leftGroups, rightGroups}) {
      for (int i = 0; i < side.length; i++) {
        boolean isLast = side == last && i == side.length - 1;
        if (isLast && side[i].indexOf('.') >= 0) {
          if (!isIpv4(side[i])) {
            return false;
          }
          count += 2;
        } else if (HEX_GROUP.matcher(side[i]).matches()) {
          count++;
        } else {
          return false;
        }
      }
    }
    return gap >= 0 ? count <= 7 : count == 8;
  }

  // The colon-separated groups of one side of "::"; null when a group is empty.
  private static String[] groups(String side) {
    if (side.isEmpty()) {
      return new String[0];
    }
    String[] parts = side.split(":", -1);
    for (String p : parts) {
      if (p.isEmpty()) {
        return null;
      }
    }
    return parts;
  }
}
