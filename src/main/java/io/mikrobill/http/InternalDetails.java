package io.mikrobill.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tells whether a text meant for a client shows how MikroBill is built: a Java class name (a
 * library's message such as {@code No enum constant io.mikrobill...}), SQL, or a file path of
 * this machine. Such text stays in the server log; the client gets a reference to it.
 *
 * <p>Paths need care: the API's own paths ({@code /api/openapi.json}) and RouterOS command paths
 * ({@code /ip/hotspot/user/add}) belong in messages. So a path counts when it is a {@code file:}
 * URI, a Windows drive path, or starts at a usual root of a file system or at this process's
 * working, home or temporary folder.
 */
final class InternalDetails {

  private static final List<Pattern> SHOWN = patterns();

  private InternalDetails() {}

  /** True when {@code text} shows a class name, SQL or a file path. */
  static boolean shownIn(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (Pattern p : SHOWN) {
      if (p.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> patterns() {
    List<Pattern> out = new ArrayList<>();
    // io.mikrobill.persistence.VoucherState, java.lang.Integer, org.h2.jdbc.JdbcSQLException
    out.add(Pattern.compile("\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*"));
    // NullPointerException, JdbcSQLSyntaxErrorException, a stack frame
    out.add(Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b|\\.java:\\d+\\)"));
    // SQL as a database writes it in its messages, a JDBC URL, H2's error codes ([42122-232])
    out.add(Pattern.compile("\\b(?:SELECT|INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE)\\b.*"
        + "\\b(?:FROM|INTO|SET|TABLE|WHERE|VALUES|INDEX)\\b", Pattern.DOTALL));
    out.add(Pattern.compile("jdbc:|SQLSTATE|\\bSQL statement\\b|\\[\\d{5}-\\d{3}]", Pattern.CASE_INSENSITIVE));
    // file:/..., C:\..., /tmp/..., /home/...
    out.add(Pattern.compile("\\bfile:/|\\b[A-Za-z]:\\\\"));
    out.add(Pattern.compile("(?<![\\w.:/-])/(?:tmp|home|var|opt|usr|etc|root|srv|mnt|media|proc|sys|dev|run|data|app|bin|sbin"
        + "|lib|lib64|boot|work|workspace|Users|private|Library|Volumes)/"));
    Stream.of(System.getProperty("user.dir"), System.getProperty("user.home"), System.getProperty("java.io.tmpdir"))
        .filter(folder -> folder != null && folder.length() > 1 && Path.of(folder).isAbsolute())
        .map(folder -> folder.endsWith("/") || folder.endsWith("\\") ? folder.substring(0, folder.length() - 1) : folder)
        .filter(folder -> folder.length() > 1)
        .forEach(folder -> out.add(Pattern.compile(Pattern.quote(folder) + "(?![\\w.-])")));
    return List.copyOf(out);
  }
}
