package io.mikrobill.routeros.protocol;

import static io.mikrobill.routeros.protocol.Frames.allocatedByThisThread;
import static io.mikrobill.routeros.protocol.Frames.allocationProbeAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.mikrobill.routeros.RouterOsProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The five forms of the length prefix, at and around every boundary, and real words through them.
 */
class WordLengthPropertiesTest {

  record Boundary(long length, int prefixSize, String hex) {}

  @Provide
  Arbitrary<Boundary> boundaries() {
    return Arbitraries.of(
        new Boundary(0, 1, "00"),
        new Boundary(1, 1, "01"),
        new Boundary(0x7F, 1, "7f"),
        new Boundary(0x80, 2, "8080"),
        new Boundary(0x3FFF, 2, "bfff"),
        new Boundary(0x4000, 3, "c04000"),
        new Boundary(0x1FFFFF, 3, "dfffff"),
        new Boundary(0x200000, 4, "e0200000"),
        new Boundary(0xFFFFFFF, 4, "efffffff"),
        new Boundary(0x10000000, 5, "f010000000"),
        new Boundary(0xFFFFFFFFL, 5, "f0ffffffff"));
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void shouldEncodeBoundaryLengthsToTheirExactBytes(@ForAll("boundaries") Boundary b) {
    byte[] out = new byte[5];
    int written = WordLength.encode(b.length(), out, 0);

    assertThat(WordLength.prefixSize(b.length())).isEqualTo(b.prefixSize());
    assertThat(written).isEqualTo(b.prefixSize());
    assertThat(HexFormat.of().formatHex(out, 0, written)).isEqualTo(b.hex());
    assertThat(WordLength.prefixSizeFromFirstByte(out[0])).isEqualTo(b.prefixSize());
    assertThat(WordLength.decode(out, written)).isEqualTo(b.length());
  }

  @Property(tries = 5000)
  void shouldRoundTripAnyLength(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long length) {
    byte[] out = new byte[7];
    out[0] = 0x55; // encode must honour the offset and write nothing past its prefix
    out[6] = 0x55;
    int written = WordLength.encode(length, out, 1);

    assertThat(written).isEqualTo(expectedPrefixSize(length));
    assertThat(out[0]).isEqualTo((byte) 0x55);
    assertThat(out[6]).isEqualTo((byte) 0x55);
    assertThat(Arrays.copyOfRange(out, 1 + written, 6)).isEqualTo(new byte[5 - written]);
    assertThat(WordLength.prefixSizeFromFirstByte(out[1])).isEqualTo(written);
    assertThat(WordLength.decode(Arrays.copyOfRange(out, 1, 1 + written), written))
        .isEqualTo(length);
  }

  @Example
  void shouldRefuseLengthsOutsideTheEncodableRange() {
    assertThatThrownBy(() -> WordLength.prefixSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WordLength.prefixSize(0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<Integer> wordSizesAroundBoundaries() {
    return Arbitraries.of(
        0x7E, 0x7F, 0x80, 0x81, 0x3FFE, 0x3FFF, 0x4000, 0x4001, 0x1FFFFE, 0x1FFFFF, 0x200000,
        0x200001);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void shouldRoundTripWordsAroundPrefixBoundaries(@ForAll("wordSizesAroundBoundaries") int size) {
    byte[] word = new byte[size];
    new Random(size).nextBytes(word);
    byte[] frame = SentenceEncoder.encode(List.of("!re".getBytes(), word));

    assertThat(frame).hasSize(1 + 3 + WordLength.prefixSize(size) + size + 1);
    assertThat(WordLength.prefixSizeFromFirstByte(frame[4])).isEqualTo(expectedPrefixSize(size));

    // Uneven chunks so the prefix and the body are both cut at odd places.
    SentenceDecoder decoder = new SentenceDecoder();
    List<List<byte[]>> out = new ArrayList<>();
    for (int pos = 0; pos < frame.length; pos += 4093) {
      decoder.feed(frame, pos, Math.min(4093, frame.length - pos), out::add);
    }
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).hasSize(2);
    assertThat(out.get(0).get(1)).isEqualTo(word);
  }

  @Example
  void shouldDecodeFourAndFiveBytePrefixes() {
    assertThat(WordLength.decode(hex("e0200000"), 4)).isEqualTo(0x200000L);
    assertThat(WordLength.decode(hex("efffffff"), 4)).isEqualTo(0xFFFFFFFL);
    assertThat(WordLength.decode(hex("f010000000"), 5)).isEqualTo(0x10000000L);
    assertThat(WordLength.decode(hex("f0ffffffff"), 5)).isEqualTo(0xFFFFFFFFL);
    assertThat(WordLength.decode(hex("f080000000"), 5)).isEqualTo(0x80000000L);
  }

  @Provide
  Arbitrary<String> claimsAboveOneMebibyte() {
    return Arbitraries.of("e0200000", "efffffff", "f010000000", "f07fffffff", "f0ffffffff");
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void shouldRefuseClaimAboveMaxWordSizeBeforeAllocatingForIt(
      @ForAll("claimsAboveOneMebibyte") String prefixHex) {
    assumeThat(allocationProbeAvailable()).isTrue();
    warmUp();
    SentenceDecoder decoder = new SentenceDecoder(1 << 20, 1000);
    byte[] data = Frames.concat(new byte[] {3, '!', 'r', 'e'}, hex(prefixHex), new byte[16]);

    Consumer<List<byte[]>> ignore = list -> {};
    RouterOsProtocolException refused = null;
    long before = allocatedByThisThread();
    try {
      decoder.feed(data, ignore);
    } catch (RouterOsProtocolException e) {
      refused = e;
    }
    long allocated = allocatedByThisThread() - before;

    assertThat(refused).hasMessageContaining("exceeds the maximum word size 1048576");
    // The exception and its stack trace cost a few KiB; the claim is at least 2 MiB.
    assertThat(allocated).isLessThan(64 * 1024);
  }

  @Example
  void shouldAllocateForBytesReceivedNotForTheClaimedLength() {
    assumeThat(allocationProbeAvailable()).isTrue();
    warmUp();
    // A claim just under 256 MiB within a generous limit: accepted, but only the 16 bytes sent are stored.
    SentenceDecoder decoder = new SentenceDecoder(Integer.MAX_VALUE, 1000);
    byte[] data = Frames.concat(new byte[] {3, '!', 'r', 'e'}, hex("f00ffffff0"), new byte[16]);

    Consumer<List<byte[]>> ignore = list -> {};
    long before = allocatedByThisThread();
    decoder.feed(data, ignore);
    long allocated = allocatedByThisThread() - before;

    assertThat(decoder.hasPartialSentence()).isTrue();
    assertThat(allocated).isLessThan(64 * 1024);
  }

  private static void warmUp() {
    try {
      new SentenceDecoder(16, 4).feed(hex("e0200000"), list -> {});
    } catch (RouterOsProtocolException expected) {
      // loads the exception classes outside the measured window
    }
    new SentenceDecoder().feed(hex("0321726500"), list -> {});
  }

  private static int expectedPrefixSize(long length) {
    if (length <= 0x7F) {
      return 1;
    } else if (length <= 0x3FFF) {
      return 2;
    } else if (length <= 0x1FFFFF) {
      return 3;
    } else if (length <= 0xFFFFFFF) {
      return 4;
    }
    return 5;
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
