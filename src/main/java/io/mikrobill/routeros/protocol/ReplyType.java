package io.mikrobill.routeros.protocol;

/** The reply words a router sends, by their first word. */
public enum ReplyType {
  RE("!re", "re"),
  DONE("!done", "done"),
  TRAP("!trap", "trap"),
  EMPTY("!empty", "empty"),
  FATAL("!fatal", "fatal");

  private final String word;
  private final String shortName;

  ReplyType(String word, String shortName) {
    this.word = word;
    this.shortName = shortName;
  }

  /** The reply word on the wire, for example {@code !done}. */
  public String word() {
    return word;
  }

  /** The name without the bang, as the {@code ros} command prints it. */
  public String shortName() {
    return shortName;
  }

  /** Whether this reply ends the command it belongs to. */
  public boolean isFinal() {
    return this == DONE || this == FATAL;
  }

  /** The type of a first word, or null when it is not a reply word. */
  public static ReplyType fromWord(String first) {
    for (ReplyType t : values()) {
      if (t.word.equals(first)) {
        return t;
      }
    }
    return null;
  }
}
