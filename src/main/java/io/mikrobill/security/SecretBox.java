package io.mikrobill.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets MikroBill keeps at rest (voucher codes, stored replies that hold passwords)
 * with AES-256-GCM, and gives values that must be found by equality a keyed lookup digest.
 *
 * <p>A sealed value is {@code enc1:} followed by base64url (no padding) of a random 96-bit nonce,
 * the ciphertext and the 128-bit tag. The prefix names the format, so another can follow and both
 * be read while values move over. A {@code context} (e.g. the column and the row's key) is bound
 * into the tag as associated data: a value copied into another row or column does not open.
 *
 * <p>Two keys are derived from the one master key (HKDF-Expand with HMAC-SHA256, one block each):
 * one for AES-GCM, one for the lookup digest (HMAC-SHA256, hex). The lookup key is never the
 * encryption key, and the digest of a value reveals nothing without it, but it is deterministic:
 * equal values have equal digests, which is what a unique index and a search by code need. The key
 * id (a third derivation) names the key in refusals without revealing it.
 *
 * <p>Traps: a random 96-bit nonce is safe for far more values than MikroBill writes under one key
 * (the limit is about 2^32 values per key); the same nonce must never be used twice, so there is no
 * deterministic mode here.
 */
public final class SecretBox {

  /** The environment variable that holds the master key: base64 of 32 random bytes. */
  public static final String ENV = "MIKROBILL_SECRET_KEY";

  /** The key file MikroBill generates in the data folder when {@link #ENV} is not set. */
  public static final String KEY_FILE = "secret.key";

  public static final int KEY_BYTES = 32;

  static final String PREFIX = "enc1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec encryption;
  private final SecretKeySpec lookup;
  private final String keyId;

  private SecretBox(byte[] master) {
    if (master == null || master.length != KEY_BYTES) {
      throw new InvalidSecretKeyException("a secret key must be " + KEY_BYTES + " bytes, was "
          + (master == null ? "none" : master.length + " bytes"));
    }
    byte[] enc = derive(master, "mikrobill/v1/aes-256-gcm");
    byte[] look = derive(master, "mikrobill/v1/lookup-hmac-sha256");
    encryption = new SecretKeySpec(enc, "AES");
    lookup = new SecretKeySpec(look, "HmacSHA256");
    keyId = HexFormat.of().formatHex(derive(master, "mikrobill/v1/key-id"), 0, 8);
    Arrays.fill(enc, (byte) 0);
    Arrays.fill(look, (byte) 0);
  }

  /** A box over {@code master} (32 bytes; the array is not kept). */
  public static SecretBox of(byte[] master) {
    return new SecretBox(master);
  }

  /** A box over a new random key: for tests and tools that keep nothing. */
  public static SecretBox random() {
    return new SecretBox(newKey());
  }

  /** 32 bytes from a secure source. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * The box of {@code configured} (the decoded {@link #ENV}) when it is set, otherwise of the key
   * in {@code dataDir}/{@value #KEY_FILE}, generated (mode 0600) on first use and reused after.
   *
   * @throws InvalidSecretKeyException if neither is given, or the key file holds no valid key
   */
  public static SecretBox load(byte[] configured, Path dataDir) {
    if (configured != null) {
      return new SecretBox(configured);
    }
    if (dataDir == null) {
      throw new InvalidSecretKeyException(ENV + " is not set and there is no data folder to keep a generated key in");
    }
    Path file = dataDir.resolve(KEY_FILE);
    String text = DataFolder.readOrCreateSecret(file, () -> Base64.getEncoder().encodeToString(newKey()));
    return new SecretBox(decode(file.toString(), text));
  }

  /**
   * Decodes a key given as base64 (standard or URL alphabet) of exactly 32 bytes.
   *
   * @param name what to call it in the refusal (the variable or the file), never the value
   * @throws InvalidSecretKeyException naming {@code name} and the problem
   */
  public static byte[] decode(String name, String value) {
    String v = value == null ? "" : value.strip();
    byte[] key;
    try {
      key = v.indexOf('-') >= 0 || v.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(v) : Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new InvalidSecretKeyException(name + " is not valid base64 (expected base64 of " + KEY_BYTES
          + " random bytes, e.g. from 'openssl rand -base64 32')");
    }
    if (key.length != KEY_BYTES) {
      throw new InvalidSecretKeyException(name + " must be base64 of " + KEY_BYTES + " bytes, was " + key.length
          + " bytes (e.g. 'openssl rand -base64 32')");
    }
    return key;
  }

  /** Encrypts {@code plain} bound to {@code context}; null stays null. */
  public String seal(String plain, String context) {
    if (plain == null) {
      return null;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(context));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + B64.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts a value sealed with this key and the same {@code context}; null stays null.
   *
   * @throws SealedValueException if it is not a sealed value, was changed, belongs to another
   *     context, or was sealed with another key
   */
  public String open(String sealed, String context) {
    if (sealed == null) {
      return null;
    }
    if (!isSealed(sealed)) {
      throw new SealedValueException("value in " + context + " is not sealed (no " + PREFIX + " prefix)");
    }
    byte[] in;
    try {
      in = B64_DECODER.decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SealedValueException("sealed value in " + context + " is not valid base64url");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealedValueException("sealed value in " + context + " is too short (" + in.length + " bytes)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad(context));
      return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SealedValueException("sealed value in " + context + " does not open with key " + keyId
          + ": it was changed, moved from another row, or sealed with another key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK: " + e.getMessage(), e);
    }
  }

  /** True when {@code value} has the form of a sealed value (it may still fail to open). */
  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** The keyed lookup digest of {@code value}: 64 hex digits, equal for equal values. */
  public String lookup(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(lookup);
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK: " + e.getMessage(), e);
    }
  }

  /** Names the key (16 hex digits derived from it) without revealing anything about it. */
  public String keyId() {
    return keyId;
  }

  /** Compares two lookup digests in constant time. */
  public static boolean sameDigest(String a, String b) {
    return a != null && b != null
        && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] aad(String context) {
    return (context == null ? "" : context).getBytes(StandardCharsets.UTF_8);
  }

  /** HKDF-Expand (RFC 5869) of one block: HMAC(master, info || 0x01). */
  private static byte[] derive(byte[] master, String info) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      mac.update(info.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[keyId=" + keyId + "]";
  }
}
