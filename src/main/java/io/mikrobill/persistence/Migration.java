package io.mikrobill.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned script, {@code V<version>__<description>.sql}. The checksum is SHA-256 of the
 * text with line endings normalised, so a checkout with CRLF does not look like an edit.
 */
record Migration(int version, String description, String script, String checksum) {

  static final Pattern FILE_NAME = Pattern.compile("V([0-9]+)__([A-Za-z0-9_\\-]+)\\.sql");

  static boolean isMigrationName(String fileName) {
    return FILE_NAME.matcher(fileName).matches();
  }

  static Migration of(String fileName, String script) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new MigrationException(
          "migration file name must look like V1__some_description.sql, was " + fileName);
    }
    int version;
    try {
      version = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      throw new MigrationException("migration version too large in " + fileName);
    }
    return new Migration(version, m.group(2).replace('_', ' '), script, checksum(script));
  }

  static String checksum(String script) {
    String normalised = script.replace("\r\n", "\n");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
