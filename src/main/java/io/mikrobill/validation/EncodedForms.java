package io.mikrobill.validation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of a value an attacker may hide a payload in: as written, URL-decoded once and twice
 * ({@code %253C} is {@code <} after two decodings), and HTML-entity-decoded ({@code &lt;},
 * {@code &#60;}, {@code &#x3c;}), with NUL characters dropped ({@code <scr\0ipt>}). Decoding is
 * lenient: a {@code %} or {@code &} that does not start a valid escape stays as it is, so
 * "50% off" and "a & b" come back unchanged.
 */
final class EncodedForms {

  private static final Pattern PERCENT = Pattern.compile("%([0-9A-Fa-f]{2})");
  private static final Pattern ENTITY =
      Pattern.compile("&(?:#([0-9]{1,7});?|#[xX]([0-9A-Fa-f]{1,6});?|(lt|gt|quot|apos|amp|sol|bsol|colon|lpar|rpar|semi|period|grave);)",
          Pattern.CASE_INSENSITIVE);

  private EncodedForms() {}

  /** The distinct forms, the original first. */
  static List<String> of(String value) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    String once = percentDecode(value);
    String twice = percentDecode(once);
    for (String f : List.of(once, twice, entityDecode(value), entityDecode(once), percentDecode(entityDecode(value)))) {
      forms.add(f);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String f : forms) {
      out.add(f.indexOf('\0') >= 0 ? f.replace("\0", "") : f);
    }
    return List.copyOf(out);
  }

  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    Matcher m = PERCENT.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }
    return m.appendTail(b).toString();
  }

  static String entityDecode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String r;
      if (m.group(1) != null || m.group(2) != null) {
        int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
        r = Character.isValidCodePoint(cp) ? Character.toString(cp) : m.group();
      } else {
        r = switch (m.group(3).toLowerCase(Locale.ROOT)) {
          case "lt" -> "<";
          case "gt" -> ">";
          case "quot" -> "\"";
          case "apos" -> "'";
          case "amp" -> "&";
          case "sol" -> "/";
          case "bsol" -> "\\";
          case "colon" -> ":";
          case "lpar" -> "(";
          case "rpar" -> ")";
          case "semi" -> ";";
          case "period" -> ".";
          default -> "`";
        };
      }
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    return m.appendTail(b).toString();
  }
}
