package io.mikrobill.routeros.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command sentence before it is tagged: the path and its words, as text. Build one with {@link
 * #of(String, String...)} from raw words, or with the builder for attributes, queries and a
 * property list.
 */
public record Command(String path, List<String> words) {

  public Command {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("command path must start with '/': '" + path + "'");
    }
    for (String w : words) {
      if (w.startsWith(".tag=")) {
        throw new IllegalArgumentException("the client assigns tags; remove '" + w + "'");
      }
    }
    words = List.copyOf(words);
  }

  /** A command from raw API words, for example {@code of("/ip/hotspot/user/print", "?name=a")}. */
  public static Command of(String path, String... words) {
    return new Command(path, List.of(words));
  }

  public static Builder builder(String path) {
    return new Builder(path);
  }

  /** The menu this command acts on: the path without its last element. */
  public String menu() {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? path : path.substring(0, slash);
  }

  /** The verb: the last element of the path ({@code print}, {@code add}, {@code listen}...). */
  public String verb() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Whether the router keeps answering until the command is cancelled: {@code listen}, a print
   * with {@code =follow=} or {@code =follow-only=}, and monitors, pings and torches that were not
   * told {@code =once=} or a {@code =count=}.
   */
  public boolean isStreaming() {
    String verb = verb();
    if (verb.equals("listen")) {
      return true;
    }
    boolean once = false;
    for (String w : words) {
      if (w.startsWith("=follow=") || w.startsWith("=follow-only=")) {
        return true;
      }
      if (w.startsWith("=once=") || w.startsWith("=count=") || w.startsWith("=duration=")) {
        once = true;
      }
    }
    return !once && (verb.startsWith("monitor") || verb.equals("ping") || verb.equals("torch"));
  }

  /** The words as bytes, with the given tag appended. */
  public List<byte[]> toWords(String tag, WordCharset charset) {
    List<byte[]> out = new ArrayList<>(words.size() + 2);
    out.add(charset.encode(path));
    for (String w : words) {
      out.add(charset.encode(w));
    }
    if (tag != null) {
      out.add(charset.encode(".tag=" + tag));
    }
    return out;
  }

  @Override
  public String toString() {
    // Never print a password, whatever the menu.
    StringBuilder b = new StringBuilder(path);
    for (String w : words) {
      b.append(' ');
      int eq = w.indexOf('=', 1);
      if (eq > 0 && isSecret(w.substring(w.charAt(0) == '?' || w.charAt(0) == '=' ? 1 : 0, eq))) {
        b.append(w, 0, eq + 1).append("***");
      } else {
        b.append(w);
      }
    }
    return b.toString();
  }

  private static boolean isSecret(String name) {
    return name.contains("password") || name.equals("response") || name.contains("secret") || name.contains("passphrase")
        || name.contains("key");
  }

  /** Builds commands from attributes, queries and a property list. */
  public static final class Builder {
    private final String path;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<String> queries = new ArrayList<>();
    private final List<String> raw = new ArrayList<>();

    private Builder(String path) {
      this.path = path;
    }

    public Builder attribute(String name, String value) {
      attributes.put(name, value == null ? "" : value);
      return this;
    }

    public Builder attributes(Map<String, ?> values) {
      values.forEach((k, v) -> attribute(k, v == null ? "" : String.valueOf(v)));
      return this;
    }

    /** An equality query {@code ?name=value}. */
    public Builder whereEquals(String name, String value) {
      queries.add("?" + name + "=" + value);
      return this;
    }

    /** A raw query word, with or without its leading {@code ?}. */
    public Builder query(String word) {
      queries.add(word.startsWith("?") ? word : "?" + word);
      return this;
    }

    public Builder proplist(String... names) {
      return attribute(".proplist", String.join(",", names));
    }

    public Builder word(String word) {
      raw.add(word);
      return this;
    }

    public Command build() {
      List<String> words = new ArrayList<>();
      attributes.forEach((k, v) -> words.add("=" + k + "=" + v));
      words.addAll(raw);
      words.addAll(queries);
      return new Command(path, words);
    }
  }
}
