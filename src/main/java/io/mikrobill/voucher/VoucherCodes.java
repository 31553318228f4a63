package io.mikrobill.voucher;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Voucher codes from a cryptographically secure source, in an alphabet without look-alike
 * characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), so a code read aloud or typed from paper is right.
 */
public final class VoucherCodes {

  /** 25 characters: about 4.6 bits each; a 10-character code has about 46 bits. */
  public static final String ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";

  private final SecureRandom random;

  public VoucherCodes(SecureRandom random) {
    this.random = random;
  }

  public VoucherCodes() {
    this(new SecureRandom());
  }

  /** {@code count} distinct codes of {@code length} random characters after {@code prefix}. */
  public Set<String> generate(int count, String prefix, int length) {
    if (count < 1 || count > 10_000) {
      throw new IllegalArgumentException("count must be 1 to 10000, was " + count);
    }
    if (length < 4 || length > 32) {
      throw new IllegalArgumentException("codeLength must be 4 to 32, was " + length);
    }
    String p = prefix == null ? "" : prefix;
    if (!p.matches("[A-Za-z0-9]{0,8}")) {
      throw new IllegalArgumentException("prefix must be up to 8 letters or digits, was '" + p + "'");
    }
    Set<String> codes = new LinkedHashSet<>();
    while (codes.size() < count) {
      StringBuilder b = new StringBuilder(p);
      for (int i = 0; i < length; i++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      codes.add(b.toString());
    }
    return codes;
  }
}
