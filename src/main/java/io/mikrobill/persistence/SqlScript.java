package io.mikrobill.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements on ';', ignoring semicolons inside quoted strings,
 * quoted identifiers and comments. Enough for portable DDL; it does not know PostgreSQL's
 * dollar-quoted bodies, so migrations must not define functions.
 */
final class SqlScript {

  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new MigrationException("unterminated /* comment at offset " + i);
        }
        current.append(' ');
        i = end + 2;
      } else if (c == '\'' || c == '"') {
        int end = closingQuote(script, i, c);
        current.append(script, i, end + 1);
        i = end + 1;
      } else if (c == ';') {
        add(statements, current);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  private static int closingQuote(String script, int start, char quote) {
    int i = start + 1;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2; // doubled quote is an escaped quote
          continue;
        }
        return i;
      }
      i++;
    }
    throw new MigrationException("unterminated " + quote + " quote at offset " + start);
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
