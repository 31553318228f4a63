package io.mikrobill.routeros.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The pre-6.43 login: the router answers a bare {@code /login} with {@code =ret=<32 hex>}, and the
 * client proves the password with {@code =response=00<md5(0x00 + password + challenge)>}, where
 * the challenge is hex-decoded first.
 */
public final class LoginChallenge {

  private LoginChallenge() {}

  public static String response(byte[] password, String challengeHex) {
    byte[] challenge = HexFormat.of().parseHex(challengeHex);
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update((byte) 0);
      md5.update(password);
      md5.update(challenge);
      return "00" + HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java runtime", e);
    }
  }

  /** Whether a {@code =ret=} value looks like a login challenge (hex, even length). */
  public static boolean isChallenge(String ret) {
    if (ret == null || ret.isEmpty() || ret.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < ret.length(); i++) {
      if (Character.digit(ret.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
