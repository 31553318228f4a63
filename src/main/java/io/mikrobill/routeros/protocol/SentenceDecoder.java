package io.mikrobill.routeros.protocol;

import io.mikrobill.routeros.RouterOsProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An incremental decoder of API sentences: feed it bytes as they arrive, split anywhere, and it
 * hands out each sentence once its terminating empty word has arrived.
 *
 * <p>Traps it avoids: a length claim is checked against {@code maxWordSize} before anything is
 * stored, and a word's buffer grows with the bytes that actually arrive, never with the claim, so
 * a lying peer cannot make it allocate memory it did not send. After a framing error the decoder
 * is poisoned: the stream is out of sync and the connection must be closed.
 */
public final class SentenceDecoder {

  /** Default cap on one word: 64 MiB. */
  public static final int DEFAULT_MAX_WORD_SIZE = 64 * 1024 * 1024;

  /** Default cap on words in one sentence (a large print reply has one sentence per row). */
  public static final int DEFAULT_MAX_WORDS_PER_SENTENCE = 100_000;

  /** Cap on the bytes of all words of one sentence: 256 MiB. */
  public static final long MAX_SENTENCE_BYTES = 256L * 1024 * 1024;

  private static final int INITIAL_WORD_CAPACITY = 256;

  private final int maxWordSize;
  private final int maxWordsPerSentence;

  private final byte[] prefix = new byte[5];
  private int prefixFilled;
  private int prefixSize;

  private long wordRemaining = -1;
  private byte[] word;
  private int wordFilled;

  private List<byte[]> words = new ArrayList<>();
  private long sentenceBytes;
  private boolean poisoned;

  public SentenceDecoder() {
    this(DEFAULT_MAX_WORD_SIZE, DEFAULT_MAX_WORDS_PER_SENTENCE);
  }

  public SentenceDecoder(int maxWordSize, int maxWordsPerSentence) {
    if (maxWordSize < 1) {
      throw new IllegalArgumentException("maxWordSize must be at least 1, was " + maxWordSize);
    }
    if (maxWordsPerSentence < 1) {
      throw new IllegalArgumentException(
          "maxWordsPerSentence must be at least 1, was " + maxWordsPerSentence);
    }
    this.maxWordSize = maxWordSize;
    this.maxWordsPerSentence = maxWordsPerSentence;
  }

  /**
   * Consumes {@code length} bytes from {@code data} and passes each completed sentence to {@code
   * out}. Empty sentences (a lone zero byte) are ignored, as the router ignores them.
   *
   * @throws RouterOsProtocolException on a framing error; the decoder refuses input after that
   */
  public void feed(byte[] data, int offset, int length, Consumer<List<byte[]>> out) {
    if (poisoned) {
      throw new RouterOsProtocolException("decoder is out of sync after an earlier framing error");
    }
    int pos = offset;
    int end = offset + length;
    try {
      while (pos < end) {
        if (wordRemaining < 0) {
          pos = readPrefix(data, pos, end, out);
        } else {
          pos = readWordBody(data, pos, end);
        }
      }
    } catch (RouterOsProtocolException e) {
      poisoned = true;
      throw e;
    }
  }

  /** Convenience for whole arrays. */
  public void feed(byte[] data, Consumer<List<byte[]>> out) {
    feed(data, 0, data.length, out);
  }

  /** Whether a sentence has started but is not complete yet. */
  public boolean hasPartialSentence() {
    return prefixFilled > 0 || wordRemaining >= 0 || !words.isEmpty();
  }

  private int readPrefix(byte[] data, int pos, int end, Consumer<List<byte[]>> out) {
    if (prefixFilled == 0) {
      prefixSize = WordLength.prefixSizeFromFirstByte(data[pos]);
    }
    while (prefixFilled < prefixSize && pos < end) {
      prefix[prefixFilled++] = data[pos++];
    }
    if (prefixFilled < prefixSize) {
      return pos;
    }
    long len = WordLength.decode(prefix, prefixSize);
    prefixFilled = 0;
    if (len == 0) {
      finishSentence(out);
      return pos;
    }
    if (len > maxWordSize) {
      throw new RouterOsProtocolException(
          "word length " + len + " exceeds the maximum word size " + maxWordSize);
    }
    if (words.size() >= maxWordsPerSentence) {
      throw new RouterOsProtocolException(
          "sentence exceeds the maximum of " + maxWordsPerSentence + " words");
    }
    sentenceBytes += len;
    if (sentenceBytes > MAX_SENTENCE_BYTES) {
      throw new RouterOsProtocolException("sentence exceeds " + MAX_SENTENCE_BYTES + " bytes");
    }
    wordRemaining = len;
    word = new byte[(int) Math.min(len, INITIAL_WORD_CAPACITY)];
    wordFilled = 0;
    return pos;
  }

  private int readWordBody(byte[] data, int pos, int end) {
    int n = (int) Math.min(wordRemaining, end - pos);
    ensureCapacity(wordFilled + n);
    System.arraycopy(data, pos, word, wordFilled, n);
    wordFilled += n;
    wordRemaining -= n;
    if (wordRemaining == 0) {
      words.add(word.length == wordFilled ? word : Arrays.copyOf(word, wordFilled));
      word = null;
      wordRemaining = -1;
    }
    return pos + n;
  }

  private void ensureCapacity(int needed) {
    if (needed > word.length) {
      int target = (int) Math.min((long) wordFilled + wordRemaining, Math.max(needed, 2L * word.length));
      word = Arrays.copyOf(word, target);
    }
  }

  private void finishSentence(Consumer<List<byte[]>> out) {
    if (words.isEmpty()) {
      return;
    }
    List<byte[]> done = words;
    words = new ArrayList<>();
    sentenceBytes = 0;
    out.accept(done);
  }
}
