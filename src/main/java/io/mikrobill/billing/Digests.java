package io.mikrobill.billing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the keys of requests use it: of text, and of a file read as a stream. */
public final class Digests {

  private Digests() {}

  /** The SHA-256 of {@code text} (UTF-8), as lower-case hex. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The SHA-256 of a file, read in blocks: constant memory whatever its size. */
  public static String sha256Hex(Path file) throws IOException {
    MessageDigest d = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) >= 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
