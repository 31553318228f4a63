package io.mikrobill.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns the {@code postgres://user:pass@host:port/db?opts} form that hosting platforms hand out
 * into a JDBC URL plus credentials. User and password are percent-decoded after splitting on the
 * first colon, so an encoded {@code %3A} or {@code %40} stays part of the password.
 */
record PostgresUrl(String jdbcUrl, String username, String password) {

  private static final String JDBC_PREFIX = "jdbc:postgresql://";
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password=)[^&;]*");

  static PostgresUrl parse(String url) {
    String trimmed = url.trim();
    if (trimmed.startsWith(JDBC_PREFIX)) {
      return new PostgresUrl(trimmed, null, null);
    }
    if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
      throw refused(url, "expected jdbc:postgresql://, postgres:// or postgresql://");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw refused(url, "not a valid URL (percent-encode @, : and / in the password)");
    }
    if (uri.getHost() == null) {
      throw refused(url, "no host");
    }
    String path = uri.getRawPath();
    if (path == null || path.length() < 2) {
      throw refused(url, "no database name after the host");
    }
    StringBuilder jdbc = new StringBuilder(JDBC_PREFIX).append(uri.getHost());
    if (uri.getPort() != -1) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(path);
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    return new PostgresUrl(jdbc.toString(), user, password);
  }

  /**
   * The URL with any password (in user info or a password= parameter) replaced by ****. Masks up
   * to the last '@' so a password holding an unencoded '@' or '/' is still hidden whole.
   */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String hidden = url;
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme >= 0 && at > scheme) {
      int colon = url.indexOf(':', scheme + 3);
      if (colon >= 0 && colon < at) {
        hidden = url.substring(0, colon + 1) + "****" + url.substring(at);
      }
    }
    return PASSWORD_PARAM.matcher(hidden).replaceAll("$1****");
  }

  private static String decode(String raw) {
    // URLDecoder is for forms and would turn '+' into a space; keep '+' literal.
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static InvalidDatabaseSettingException refused(String url, String why) {
    return new InvalidDatabaseSettingException(
        DatabaseSettings.URL + " refused: " + why + ", was '" + redact(url) + "'");
  }
}
