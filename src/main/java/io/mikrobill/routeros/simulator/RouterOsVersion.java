package io.mikrobill.routeros.simulator;

/**
 * The RouterOS versions the simulator can play, with what differs between them on the API: how
 * a login works, and whether a command with nothing to return gets {@code !empty}.
 */
public enum RouterOsVersion {
  /** RouterOS 7.19: plain-password login, {@code !empty} for empty results. */
  V7_19("7.19", "7.19.4 (stable)", false, true),
  /** RouterOS 6.49: plain-password login only (the MD5 challenge went in 6.45.1). */
  V6_49("6.49", "6.49.18 (long-term)", false, false),
  /** RouterOS 6.42: MD5 challenge login only; a password in {@code /login} is ignored. */
  V6_42("6.42", "6.42.12 (long-term)", true, false);

  private final String label;
  private final String fullVersion;
  private final boolean challengeLogin;
  private final boolean sendsEmpty;

  RouterOsVersion(String label, String fullVersion, boolean challengeLogin, boolean sendsEmpty) {
    this.label = label;
    this.fullVersion = fullVersion;
    this.challengeLogin = challengeLogin;
    this.sendsEmpty = sendsEmpty;
  }

  /** The label used on the command line: {@code 7.19}, {@code 6.49}, {@code 6.42}. */
  public String label() {
    return label;
  }

  /** The {@code version} that {@code /system/resource} shows. */
  public String fullVersion() {
    return fullVersion;
  }

  public boolean challengeLogin() {
    return challengeLogin;
  }

  public boolean sendsEmpty() {
    return sendsEmpty;
  }

  /** The version for a label; refuses unknown labels, naming the value and the choices. */
  public static RouterOsVersion fromLabel(String label) {
    for (RouterOsVersion v : values()) {
      if (v.label.equals(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException("version must be one of 7.19, 6.49, 6.42, was '" + label + "'");
  }
}
