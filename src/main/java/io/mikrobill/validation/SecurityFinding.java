package io.mikrobill.validation;

import java.util.Objects;

/**
 * An attack pattern found in one field. {@code detail} names the pattern and quotes at most a
 * short, escaped excerpt of the value around it, never the whole payload.
 */
public record SecurityFinding(Kind kind, String field, String detail) {

  /** The kinds of attack looked for; {@link #wireName()} is the stable name for logs and metrics. */
  public enum Kind {
    XSS("xss"),
    SQL_INJECTION("sql-injection"),
    COMMAND_INJECTION("command-injection"),
    PATH_TRAVERSAL("path-traversal");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public SecurityFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(detail, "detail");
  }
}
