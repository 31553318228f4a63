package io.mikrobill.billing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MikroBill's mark of the request that created an item: {@code [mb:HEX12]} at the end of the
 * item's comment, from the request's source and key. A duplicate met on a retry, after a crash or
 * from another instance is ours when it carries the request's mark. Reads strip the mark, so
 * users see their own comment.
 */
public final class RequestMark {

  private static final Pattern MARK = Pattern.compile("\\s*\\[mb:[0-9a-f]{12}]$");

  private RequestMark() {}

  public static String of(String source, String key) {
    return "mb:" + Digests.sha256Hex(source + "\u0000" + key).substring(0, 12);
  }


  /** The fields with the mark appended to the comment. */
  static Map<String, String> stamp(Map<String, String> fields, String mark) {
    Map<String, String> out = new LinkedHashMap<>(fields);
    String comment = fields.get("comment");
    out.put("comment", comment == null || comment.isBlank() ? "[" + mark + "]" : comment + " [" + mark + "]");
    return out;
  }

  static boolean carries(String comment, String mark) {
    return comment != null && comment.endsWith("[" + mark + "]");
  }

  /** The comment without a mark; null stays null, a comment that was only a mark becomes empty. */
  public static String strip(String comment) {
    return comment == null ? null : MARK.matcher(comment).replaceFirst("");
  }
}
