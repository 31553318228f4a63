package io.mikrobill.routeros.protocol;

import java.util.List;

/** Encodes a sentence (words as bytes) into one contiguous frame ending in the empty word. */
public final class SentenceEncoder {

  private SentenceEncoder() {}

  public static byte[] encode(List<byte[]> words) {
    long total = 1;
    for (byte[] w : words) {
      total += WordLength.prefixSize(w.length) + (long) w.length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("sentence of " + total + " bytes is too large");
    }
    byte[] out = new byte[(int) total];
    int pos = 0;
    for (byte[] w : words) {
      pos += WordLength.encode(w.length, out, pos);
      System.arraycopy(w, 0, out, pos, w.length);
      pos += w.length;
    }
    out[pos] = 0;
    return out;
  }
}
