package io.mikrobill.routeros.protocol;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: words from text and raw bytes, frames, comparable sentences, allocation probe. */
final class Frames {

  private Frames() {}

  /**
   * A word compared by content, printed abbreviated so a failure on a 20,000-byte word stays
   * readable.
   */
  record Word(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Word w && Arrays.equals(bytes, w.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 24));
      return bytes.length + ":" + hex + (bytes.length > 24 ? "..." : "");
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static List<byte[]> sentence(Object... words) {
    List<byte[]> out = new ArrayList<>();
    for (Object w : words) {
      out.add(w instanceof byte[] b ? b : utf8((String) w));
    }
    return out;
  }

  static byte[] stream(List<List<byte[]>> sentences) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (List<byte[]> s : sentences) {
      out.writeBytes(SentenceEncoder.encode(s));
    }
    return out.toByteArray();
  }

  static List<List<Word>> comparable(List<List<byte[]>> sentences) {
    List<List<Word>> out = new ArrayList<>(sentences.size());
    for (List<byte[]> s : sentences) {
      out.add(s.stream().map(Word::new).toList());
    }
    return out;
  }

  static List<List<byte[]>> decodeWhole(byte[] data) {
    List<List<byte[]>> out = new ArrayList<>();
    new SentenceDecoder().feed(data, out::add);
    return out;
  }

  /** Bytes allocated so far by the current thread (HotSpot counts TLAB use exactly enough). */
  static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  static boolean allocationProbeAvailable() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled();
  }
}
