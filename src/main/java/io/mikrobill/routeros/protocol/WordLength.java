package io.mikrobill.routeros.protocol;

import io.mikrobill.routeros.RouterOsProtocolException;

/**
 * The length prefix of an API word, in its five forms (most significant byte first):
 *
 * <pre>
 *   0x00 .. 0x7F         1 byte   the length
 *   0x80 .. 0x3FFF       2 bytes  length | 0x8000
 *   0x4000 .. 0x1FFFFF   3 bytes  length | 0xC00000
 *   0x200000 .. 0xFFFFFFF 4 bytes length | 0xE0000000
 *   0x10000000 ..        5 bytes  0xF0, then the length in 4 bytes
 * </pre>
 *
 * First bytes 0xF8 and above are control bytes; nothing can follow them, so they are refused.
 */
public final class WordLength {

  private WordLength() {}

  /** How many bytes the prefix of a word of this length takes. */
  public static int prefixSize(long length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative word length " + length);
    }
    if (length < 0x80) {
      return 1;
    }
    if (length < 0x4000) {
      return 2;
    }
    if (length < 0x200000) {
      return 3;
    }
    if (length < 0x10000000) {
      return 4;
    }
    if (length <= 0xFFFFFFFFL) {
      return 5;
    }
    throw new IllegalArgumentException("word length " + length + " exceeds 0xFFFFFFFF");
  }

  /** Writes the prefix into {@code out} at {@code offset}; returns the number of bytes written. */
  public static int encode(long length, byte[] out, int offset) {
    int size = prefixSize(length);
    switch (size) {
      case 1 -> out[offset] = (byte) length;
      case 2 -> {
        long v = length | 0x8000;
        out[offset] = (byte) (v >> 8);
        out[offset + 1] = (byte) v;
      }
      case 3 -> {
        long v = length | 0xC00000;
        out[offset] = (byte) (v >> 16);
        out[offset + 1] = (byte) (v >> 8);
        out[offset + 2] = (byte) v;
      }
      case 4 -> {
        long v = length | 0xE0000000L;
        out[offset] = (byte) (v >> 24);
        out[offset + 1] = (byte) (v >> 16);
        out[offset + 2] = (byte) (v >> 8);
        out[offset + 3] = (byte) v;
      }
      default -> {
        out[offset] = (byte) 0xF0;
        out[offset + 1] = (byte) (length >> 24);
        out[offset + 2] = (byte) (length >> 16);
        out[offset + 3] = (byte) (length >> 8);
        out[offset + 4] = (byte) length;
      }
    }
    return size;
  }

  /**
   * How many bytes a prefix takes, judged from its first byte alone.
   *
   * @throws RouterOsProtocolException for control bytes 0xF8 and above, and 0xF1 to 0xF7
   */
  public static int prefixSizeFromFirstByte(int firstByte) {
    int b = firstByte & 0xFF;
    if (b < 0x80) {
      return 1;
    }
    if (b < 0xC0) {
      return 2;
    }
    if (b < 0xE0) {
      return 3;
    }
    if (b < 0xF0) {
      return 4;
    }
    if (b == 0xF0) {
      return 5;
    }
    throw new RouterOsProtocolException(
        String.format("invalid word length prefix byte 0x%02X (control or reserved)", b));
  }

  /** Decodes a complete prefix of {@code size} bytes held in {@code prefix}. */
  public static long decode(byte[] prefix, int size) {
    int b0 = prefix[0] & 0xFF;
    return switch (size) {
      case 1 -> b0;
      case 2 -> ((b0 & 0x3F) << 8) | (prefix[1] & 0xFF);
      case 3 -> ((long) (b0 & 0x1F) << 16) | ((prefix[1] & 0xFF) << 8) | (prefix[2] & 0xFF);
      case 4 -> ((long) (b0 & 0x0F) << 24)
          | ((prefix[1] & 0xFF) << 16)
          | ((prefix[2] & 0xFF) << 8)
          | (prefix[3] & 0xFF);
      case 5 -> ((long) (prefix[1] & 0xFF) << 24)
          | ((prefix[2] & 0xFF) << 16)
          | ((prefix[3] & 0xFF) << 8)
          | (prefix[4] & 0xFF);
      default -> throw new IllegalArgumentException("prefix size " + size);
    };
  }
}
