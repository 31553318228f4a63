package io.mikrobill.validation;

import static java.util.regex.Pattern.CASE_INSENSITIVE;
import static java.util.regex.Pattern.DOTALL;

import io.mikrobill.validation.SecurityFinding.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for attack payloads in a string field: XSS, SQL injection, command injection and path
 * traversal, in the value as written and in its {@link EncodedForms decoded forms}. At most one
 * finding per kind and field.
 *
 * <p>The patterns aim at clear attack syntax, not at punctuation: comments on a router are
 * written by people, so "Room 3 - O'Brien", "price 5/month", "a & b" and e-mail addresses must
 * pass. Hence an event handler counts only inside a tag or right after a quote or slash; a quote
 * alone, a single {@code &}, {@code |} or {@code ;} alone are never flagged; a {@code ;} or pipe
 * counts when a shell command follows it. The newline followed by {@code /} is the attack on a
 * naive API client that joins words with newlines: it starts a second RouterOS command.
 *
 * <p>XSS and SQL injection obey their settings; command injection and path traversal always run.
 */
public final class AttackDetector {

  private static final int EXCERPT = 24;
  private static final String SHELL =
      "(?:rm\\s+-|rm\\s+/|wget|curl|nc\\s+-|ncat|bash|sh|zsh|chmod|chown|python[0-9]?|perl|powershell|sudo|whoami|uname|mkfifo|busybox|tftp|cat\\s+/)\\b";

  private record Signature(Kind kind, String description, Pattern pattern) {}

  private static final List<Signature> SIGNATURES = List.of(
      sig(Kind.XSS, "script tag", "<\\s*/?\\s*script"),
      sig(Kind.XSS, "javascript: URL", spaced("javascript") + "\\s*:"),
      sig(Kind.XSS, "vbscript: URL", spaced("vbscript") + "\\s*:"),
      sig(Kind.XSS, "data:text/html URL", "data\\s*:\\s*text/html"),
      sig(Kind.XSS, "img with onerror", "<\\s*img\\b[^>]{0,200}\\bonerror"),
      sig(Kind.XSS, "event handler attribute", "(?:<[^>]{0,200}[\\s/\"']|[\"'/]\\s{0,5})on[a-z]{3,30}\\s*="),
      sig(Kind.XSS, "embedding tag", "<\\s*(?:iframe|frame|object|embed|svg|math|base|link|meta|style)\\b"),
      sig(Kind.SQL_INJECTION, "SQL tautology", "'\\s*(?:or|and)\\s+'?[\\w]{1,20}'?\\s*(?:=|like)\\s*'?[\\w]{1,20}"),
      sig(Kind.SQL_INJECTION, "SQL tautology", "\\bor\\s+([0-9]{1,9})\\s*=\\s*\\1\\b"),
      sig(Kind.SQL_INJECTION, "SQL comment after a quote", "'\\s*\\)?\\s*;?\\s*--"),
      sig(Kind.SQL_INJECTION, "stacked SQL statement",
          ";\\s*(?:drop|truncate|alter)\\s+(?:table|database|schema|user)\\b|;\\s*(?:delete\\s+from|insert\\s+into|update\\s+\\w+\\s+set|shutdown\\b|exec\\b)"),
      sig(Kind.SQL_INJECTION, "UNION SELECT", "\\bunion\\b(?:\\s|/\\*.{0,20}?\\*/)+(?:all\\s+)?select\\b"),
      sig(Kind.SQL_INJECTION, "SQL block comment", "/\\*.{0,200}?\\*/"),
      sig(Kind.SQL_INJECTION, "SQL server procedure", "\\bxp_cmdshell\\b|\\bsp_executesql\\b"),
      sig(Kind.SQL_INJECTION, "SQL timing function", "\\b(?:sleep|pg_sleep|benchmark)\\s*\\(|\\bwaitfor\\s+delay\\b"),
      sig(Kind.COMMAND_INJECTION, "command substitution", "\\$\\(|\\$\\{"),
      sig(Kind.COMMAND_INJECTION, "backtick substitution", "`[^`]{1,200}`"),
      sig(Kind.COMMAND_INJECTION, "chained shell command", ";\\s*" + SHELL + "|&&\\s*\\S|\\|\\|\\s*" + SHELL),
      sig(Kind.COMMAND_INJECTION, "pipe to a shell command", "\\|\\s*" + SHELL),
      sig(Kind.COMMAND_INJECTION, "RouterOS command after a line break or ';'", "[\\r\\n]\\s*[/:][a-z]|;\\s*/[a-z]"),
      sig(Kind.PATH_TRAVERSAL, "parent directory", "\\.\\.[/\\\\]|[/\\\\]\\.\\.$"),
      sig(Kind.PATH_TRAVERSAL, "system file path",
          "/etc/(?:passwd|shadow|hosts|group)\\b|/proc/self\\b|[a-z]:\\\\windows\\\\|\\\\windows\\\\system32"));

  private final boolean xss;
  private final boolean sqlInjection;

  public AttackDetector(boolean xss, boolean sqlInjection) {
    this.xss = xss;
    this.sqlInjection = sqlInjection;
  }

  public static AttackDetector from(ValidationSettings settings) {
    return new AttackDetector(settings.xssProtection(), settings.sqlInjectionProtection());
  }

  /** The findings in one field's value; empty when it looks harmless. */
  public List<SecurityFinding> scan(String field, String value) {
    List<SecurityFinding> out = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return out;
    }
    List<String> forms = EncodedForms.of(value);
    for (Signature s : SIGNATURES) {
      if (!enabled(s.kind()) || out.stream().anyMatch(f -> f.kind() == s.kind())) {
        continue;
      }
      for (int i = 0; i < forms.size(); i++) {
        Matcher m = s.pattern().matcher(forms.get(i));
        if (m.find()) {
          String detail = s.description() + (i == 0 ? "" : " (encoded)") + " near '" + excerpt(forms.get(i), m.start()) + "'";
          out.add(new SecurityFinding(s.kind(), field, detail));
          break;
        }
      }
    }
    return out;
  }

  private boolean enabled(Kind kind) {
    return switch (kind) {
      case XSS -> xss;
      case SQL_INJECTION -> sqlInjection;
      case COMMAND_INJECTION, PATH_TRAVERSAL -> true;
    };
  }

  // A few characters around the match, with anything unprintable escaped so logs stay one line.
  static String excerpt(String s, int at) {
    int from = Math.max(0, at - 4);
    int to = Math.min(s.length(), from + EXCERPT);
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return to < s.length() ? b.append("...").toString() : b.toString();
  }

  private static Signature sig(Kind kind, String description, String regex) {
    return new Signature(kind, description, Pattern.compile(regex, CASE_INSENSITIVE | DOTALL));
  }

  // "java\tscript:" runs in browsers, which drop whitespace inside the scheme.
  private static String spaced(String word) {
    StringBuilder b = new StringBuilder();
    for (char c : word.toCharArray()) {
      if (!b.isEmpty()) {
        b.append("\\s*");
      }
      b.append(c);
    }
    return b.toString();
  }
}
