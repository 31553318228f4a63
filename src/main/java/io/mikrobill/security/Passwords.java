package io.mikrobill.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * People's passwords, hashed with Argon2id (memory-hard; OWASP's minimum: 19 MiB, 2 passes, one
 * lane) and kept in the PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, so the
 * parameters can be raised later and old hashes still verify.
 */
public final class Passwords {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /**
   * Argon2id takes its memory for each hash: at most one hash per core runs at once, so a flood of
   * logins costs time, not the heap (20 at once would hold 380 MiB).
   */
  private static final java.util.concurrent.Semaphore RUNNING =
      new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

  private final int memoryKiB;
  private final int iterations;

  public Passwords() {
    this(19_456, 2);
  }

  /** Cheaper parameters, for tests that hash many passwords. */
  public Passwords(int memoryKiB, int iterations) {
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] out = argon2(password, salt, memoryKiB, iterations, 1, 32);
    return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /** True when {@code password} matches {@code encoded}; false for a malformed hash. Compares in constant time. */
  public boolean verify(String password, String encoded) {
    if (password == null || encoded == null) {
      return false;
    }
    String[] parts = encoded.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    try {
      for (String kv : parts[3].split(",")) {
        int v = Integer.parseInt(kv.substring(2));
        switch (kv.charAt(0)) {
          case 'm' -> m = v;
          case 't' -> t = v;
          case 'p' -> p = v;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      if (m < 8 || m > 1 << 21 || t < 1 || t > 20 || p < 1 || p > 16) {
        return false;
      }
      return MessageDigest.isEqual(expected, argon2(password, salt, m, t, p, expected.length));
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /** A random password of {@code length} letters and digits, for first starts and rotations. */
  public static String random(int length) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static byte[] argon2(String password, byte[] salt, int m, int t, int p, int length) {
    try {
      if (!RUNNING.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AccessDenied(429, "busy", "too many password checks at once; retry in a second", 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to check a password", e);
    }
    try {
      return argon2Now(password, salt, m, t, p, length);
    } finally {
      RUNNING.release();
    }
  }

  private static byte[] argon2Now(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt).withMemoryAsKB(m).withIterations(t).withParallelism(p).build());
    byte[] out = new byte[length];
    g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
