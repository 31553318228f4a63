package io.mikrobill.routeros.protocol;

import io.mikrobill.routeros.RouterOsProtocolException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reply sentence, decoded to text: its type, its tag (null when untagged), its {@code
 * =name=value} attributes in arrival order, and for {@code !fatal} the bare reason word.
 */
public record Reply(ReplyType type, String tag, Map<String, String> attributes, String message) {

  public Reply {
    attributes = Collections.unmodifiableMap(attributes);
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  /** The trap category, or -1 when absent or not a number. */
  public int category() {
    String c = attributes.get("category");
    if (c == null) {
      return -1;
    }
    try {
      return Integer.parseInt(c);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The text of a trap ({@code =message=}) or of a fatal (its bare word). */
  public String errorMessage() {
    return type == ReplyType.FATAL ? message : attributes.get("message");
  }

  /**
   * Parses one sentence. Words other than {@code =name=value}, {@code .tag=} and (in a fatal) the
   * bare reason are ignored, as a lenient client must for forward compatibility.
   */
  public static Reply parse(List<byte[]> words, WordCharset charset) {
    if (words.isEmpty()) {
      throw new RouterOsProtocolException("empty reply sentence");
    }
    String first = charset.decode(words.get(0));
    ReplyType type = ReplyType.fromWord(first);
    if (type == null) {
      throw new RouterOsProtocolException("unknown reply word '" + abbreviate(first) + "'");
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    String tag = null;
    StringBuilder bare = null;
    for (int i = 1; i < words.size(); i++) {
      byte[] w = words.get(i);
      if (w.length > 0 && w[0] == '=') {
        int eq = indexOf(w, (byte) '=', 1);
        if (eq < 0) {
          attrs.put(charset.decode(w, 1, w.length - 1), "");
        } else {
          attrs.put(charset.decode(w, 1, eq - 1), charset.decode(w, eq + 1, w.length - eq - 1));
        }
      } else if (startsWith(w, ".tag=")) {
        tag = charset.decode(w, 5, w.length - 5);
      } else if (type == ReplyType.FATAL) {
        if (bare == null) {
          bare = new StringBuilder();
        } else {
          bare.append(' ');
        }
        bare.append(charset.decode(w));
      }
    }
    String message = bare != null ? bare.toString() : attrs.get("message");
    return new Reply(type, tag, attrs, message);
  }

  private static int indexOf(byte[] w, byte b, int from) {
    for (int i = from; i < w.length; i++) {
      if (w[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] w, String prefix) {
    if (w.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (w[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
