package io.mikrobill.routeros.protocol;

import static io.mikrobill.routeros.protocol.Frames.comparable;
import static io.mikrobill.routeros.protocol.Frames.concat;
import static io.mikrobill.routeros.protocol.Frames.decodeWhole;
import static io.mikrobill.routeros.protocol.Frames.sentence;
import static io.mikrobill.routeros.protocol.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A decoder sees TCP reads cut anywhere: inside a prefix, inside a word, between words, between
 * sentences. Every cut must give exactly the sentences of a decode of the whole stream, and no
 * sentence may be handed out before its terminating empty word.
 */
class SentenceDecoderSplitTest {

  private static final byte[] WORD_200 = filled("=data=", 200, 'a');
  private static final byte[] WORD_20000 = filled("=data=", 20_000, 'b');

  /** The replies of a realistic session, each as the router would send it. */
  static List<List<byte[]>> replies() {
    List<List<byte[]>> r = new ArrayList<>();
    r.add(
        sentence(
            "!re",
            "=.id=*1A",
            "=name=user1",
            "=password=",
            "=comment=a=b==c=",
            "=note=line1\nline2\r\nline3\r",
            "=city=Zürich Привет ✓",
            concat(utf8("=legacy=caf"), new byte[] {(byte) 0xE9, (byte) 0x80}),
            ".tag=7"));
    r.add(sentence("!done", "=ret=*3", ".tag=7"));
    r.add(sentence("!trap", "=category=2", "=message=interrupted", ".tag=10"));
    r.add(sentence("!done", ".tag=20"));
    r.add(sentence("!done", ".tag=10"));
    r.add(sentence("!empty", ".tag=11"));
    r.add(sentence("!done", ".tag=11"));
    for (int i = 0; i < 7; i++) {
      r.add(sentence("!re"));
    }
    r.add(sentence("!done"));
    r.add(sentence("!re", WORD_200, ".tag=12"));
    r.add(sentence("!re", WORD_20000, ".tag=12"));
    r.add(sentence("!done", ".tag=12"));
    r.add(sentence("!fatal", "session terminated on request"));
    return r;
  }

  private final List<List<byte[]>> replies = replies();
  private final byte[] stream = Frames.stream(replies);
  private final List<List<Frames.Word>> whole = comparable(decodeWhole(stream));

  @Example
  void shouldDecodeWholeStreamToTheSentencesThatWereEncoded() {
    assertThat(whole).isEqualTo(comparable(replies));
  }

  @Example
  void shouldUseTwoAndThreeBytePrefixesForTheLongWords() {
    assertThat(WordLength.prefixSize(WORD_200.length)).isEqualTo(2);
    assertThat(WordLength.prefixSize(WORD_20000.length)).isEqualTo(3);
    // 200 = 0x00C8 -> 80 C8; 20,000 = 0x4E20 -> C0 4E 20
    assertThat(indexOf(stream, concat(new byte[] {(byte) 0x80, (byte) 0xC8}, "=data=".getBytes())))
        .isPositive();
    assertThat(indexOf(stream, concat(new byte[] {(byte) 0xC0, 0x4E, 0x20}, "=data=".getBytes())))
        .isPositive();
  }

  @Example
  void shouldDecodeRepliesWhenSplitAtEveryByteBoundary() {
    int[] frameEnds = frameEnds();
    for (int cut = 0; cut <= stream.length; cut++) {
      SentenceDecoder decoder = new SentenceDecoder();
      List<List<byte[]>> out = new ArrayList<>();
      decoder.feed(stream, 0, cut, out::add);
      int completeBeforeCut = countAtMost(frameEnds, cut);
      assertThat(out).as("sentences after the first %d bytes", cut).hasSize(completeBeforeCut);
      decoder.feed(stream, cut, stream.length - cut, out::add);
      if (!comparable(out).equals(whole)) {
        assertThat(comparable(out)).as("split at %d", cut).isEqualTo(whole);
      }
      assertThat(decoder.hasPartialSentence()).isFalse();
    }
  }

  @Example
  void shouldDecodeRepliesWhenFedOneByteAtATime() {
    SentenceDecoder decoder = new SentenceDecoder();
    List<List<byte[]>> out = new ArrayList<>();
    int[] frameEnds = frameEnds();
    for (int i = 0; i < stream.length; i++) {
      decoder.feed(stream, i, 1, out::add);
      assertThat(out.size()).isEqualTo(countAtMost(frameEnds, i + 1));
    }
    assertThat(comparable(out)).isEqualTo(whole);
    assertThat(decoder.hasPartialSentence()).isFalse();
  }

  @Example
  void shouldReportPartialSentenceUntilTheTerminatingEmptyWordArrives() {
    byte[] frame = SentenceEncoder.encode(sentence("!done", "=ret=*3"));
    SentenceDecoder decoder = new SentenceDecoder();
    List<List<byte[]>> out = new ArrayList<>();
    decoder.feed(frame, 0, frame.length - 1, out::add);
    assertThat(out).isEmpty();
    assertThat(decoder.hasPartialSentence()).isTrue();
    decoder.feed(frame, frame.length - 1, 1, out::add);
    assertThat(out).hasSize(1);
    assertThat(decoder.hasPartialSentence()).isFalse();
  }

  @Example
  void shouldIgnoreEmptySentencesBetweenReplies() {
    byte[] done = SentenceEncoder.encode(sentence("!done"));
    byte[] data = concat(new byte[] {0}, done, new byte[] {0, 0}, done);
    assertThat(comparable(decodeWhole(data)))
        .isEqualTo(comparable(List.of(sentence("!done"), sentence("!done"))));
  }

  @Property(tries = 300)
  void shouldDecodeRepliesWhenFedInRandomChunks(@ForAll("chunkSizes") List<Integer> chunks) {
    SentenceDecoder decoder = new SentenceDecoder();
    List<List<byte[]>> out = new ArrayList<>();
    int pos = 0;
    int i = 0;
    while (pos < stream.length) {
      int n = Math.min(chunks.get(i++ % chunks.size()), stream.length - pos);
      decoder.feed(stream, pos, n, out::add);
      pos += n;
    }
    assertThat(comparable(out)).isEqualTo(whole);
  }

  @Provide
  Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.integers().between(1, 5000).list().ofMinSize(1).ofMaxSize(50);
  }

  /** Offsets just past each sentence's terminating zero byte. */
  private int[] frameEnds() {
    int[] ends = new int[replies.size()];
    int pos = 0;
    for (int i = 0; i < replies.size(); i++) {
      pos += SentenceEncoder.encode(replies.get(i)).length;
      ends[i] = pos;
    }
    return ends;
  }

  private static int countAtMost(int[] ends, int cut) {
    int n = 0;
    for (int e : ends) {
      if (e <= cut) {
        n++;
      }
    }
    return n;
  }

  private static byte[] filled(String head, int size, char fill) {
    byte[] w = new byte[size];
    Arrays.fill(w, (byte) fill);
    System.arraycopy(head.getBytes(), 0, w, 0, head.length());
    return w;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
