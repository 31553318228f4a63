package io.mikrobill.routeros.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns words into text and back, once, at the edge. RouterOS stores bytes: scripts and APIs
 * usually write UTF-8, WinBox writes the Windows code page of its PC. So each word is decoded
 * strictly with the primary charset and, when that fails, with the fallback charset
 * (windows-1252 by default). Encoding always uses the primary charset.
 */
public final class WordCharset {

  public static final Charset DEFAULT_FALLBACK = Charset.forName("windows-1252");

  /** UTF-8 with a windows-1252 fallback: the right choice for most routers. */
  public static final WordCharset DEFAULT = new WordCharset(StandardCharsets.UTF_8, DEFAULT_FALLBACK);

  private final Charset primary;
  private final Charset fallback;

  public WordCharset(Charset primary, Charset fallback) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  public static WordCharset of(String primary, String fallback) {
    return new WordCharset(Charset.forName(primary), Charset.forName(fallback));
  }

  public Charset primary() {
    return primary;
  }

  public Charset fallback() {
    return fallback;
  }

  public byte[] encode(String text) {
    return text.getBytes(primary);
  }

  public String decode(byte[] word) {
    return decode(word, 0, word.length);
  }

  public String decode(byte[] word, int offset, int length) {
    if (isAscii(word, offset, length)) {
      return new String(word, offset, length, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder strict =
        primary
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = strict.decode(ByteBuffer.wrap(word, offset, length));
      return chars.toString();
    } catch (CharacterCodingException notPrimary) {
      return new String(word, offset, length, fallback);
    }
  }

  private static boolean isAscii(byte[] b, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return primary.name() + "(fallback " + fallback.name() + ")";
  }
}
