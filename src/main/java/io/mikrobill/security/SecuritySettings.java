package io.mikrobill.security;

import io.mikrobill.config.SettingsReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The guide's security settings, durations in milliseconds: {@code MAX_LOGIN_ATTEMPTS} (5) failed
 * logins or bad keys per account and per client address within {@code LOCKOUT_DURATION} (900000)
 * lock it for that long; sessions end after {@code SESSION_TIMEOUT} (1800000) idle or
 * {@code SESSION_MAX_AGE} (43200000) whatever the activity; {@code API_RATE_LIMIT} (600) requests
 * per minute per principal, 0 for none; {@code ENABLE_ATTACK_DETECTION} (true) throttles an
 * address whose requests trip the attack detector {@code MAX_LOGIN_ATTEMPTS} times; and
 * {@code EXECUTE_ALLOW}, what {@code /api/execute} may run.
 */
public record SecuritySettings(int maxLoginAttempts, Duration lockoutDuration, Duration sessionTimeout, Duration sessionMaxAge,
    int apiRateLimit, boolean attackDetection, List<String> executeAllow, boolean secureCookie) {

  public static SecuritySettings from(SettingsReader s) {
    int max = s.integer("MAX_LOGIN_ATTEMPTS", 5, 1, 1000);
    Duration lockout = Duration.ofMillis(s.integer("LOCKOUT_DURATION", 900_000, 1, Integer.MAX_VALUE));
    Duration idle = Duration.ofMillis(s.integer("SESSION_TIMEOUT", 1_800_000, 1000, Integer.MAX_VALUE));
    Duration maxAge = Duration.ofMillis(s.integer("SESSION_MAX_AGE", 43_200_000, 1000, Integer.MAX_VALUE));
    int rate = s.integer("API_RATE_LIMIT", 600, 0, 10_000_000);
    boolean attacks = s.bool("ENABLE_ATTACK_DETECTION", true);
    List<String> allow = s.text("EXECUTE_ALLOW").map(SecuritySettings::list).orElse(ExecutePolicy.DEFAULT_ALLOW);
    boolean https = s.text("HTTPS_KEYSTORE").isPresent() || s.text("HTTPS_CERT").isPresent();
    return new SecuritySettings(max, lockout, idle, maxAge, rate, attacks, allow, https);
  }

  /** Defaults, for tests. */
  public static SecuritySettings defaults() {
    return from(new SettingsReader(name -> null));
  }

  public SecuritySettings withExecuteAllow(List<String> allow) {
    return new SecuritySettings(maxLoginAttempts, lockoutDuration, sessionTimeout, sessionMaxAge, apiRateLimit, attackDetection,
        allow, secureCookie);
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }
}
