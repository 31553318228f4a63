package io.mikrobill.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer secrets: API keys ({@code mbk_} and 43 characters, 256 random bits) and session tokens
 * ({@code mbs_}...). The prefix tells them apart and lets secret scanners find leaked ones. Only
 * their SHA-256 is stored.
 */
public final class Tokens {

  public static final String KEY_PREFIX = "mbk_";
  public static final String SESSION_PREFIX = "mbs_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  public static String newKey() {
    return KEY_PREFIX + random();
  }

  public static String newSession() {
    return SESSION_PREFIX + random();
  }

  public static String hash(String token) {
    return io.mikrobill.billing.Digests.sha256Hex(token);
  }

  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
