package io.mikrobill.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import io.mikrobill.config.SettingsReader;
import java.util.function.Function;

/**
 * Where the database is and how many connections to hold. Immutable; built from environment-style
 * settings by {@link #from}. Without {@code DATABASE_URL} MikroBill keeps its data in an embedded
 * H2 file under the data directory, in PostgreSQL compatibility mode so the same SQL runs on both.
 *
 * <p>The password is readable only inside this package and never appears in {@link #toString()}.
 */
public final class DatabaseSettings {

  public static final String URL = "DATABASE_URL";
  public static final String USERNAME = "DATABASE_USERNAME";
  public static final String PASSWORD = "DATABASE_PASSWORD";
  public static final String POOL_SIZE = "DATABASE_POOL_SIZE";

  public static final int DEFAULT_POOL_SIZE = 10;
  public static final int MAX_POOL_SIZE = 200;
  public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(5);
  public static final String H2_FILE_NAME = "mikrobill";
  public static final String H2_USERNAME = "sa";

  /**
   * AUTO_SERVER lets a second process open the same file: the first one serves it over TCP.
   * DATABASE_TO_LOWER makes unquoted names lower case, as PostgreSQL does. WRITE_DELAY=0 writes
   * each commit to the file before the commit returns (H2's default delays it by up to 500 ms,
   * so commits made just before a kill -9 were lost): a settled request stays settled.
   */
  public static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";

  private final DatabaseKind kind;
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final int poolSize;
  private final Duration poolTimeout;

  private DatabaseSettings(
      DatabaseKind kind,
      String jdbcUrl,
      String username,
      String password,
      int poolSize,
      Duration poolTimeout) {
    this.kind = kind;
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.poolSize = poolSize;
    this.poolTimeout = poolTimeout;
  }

  /**
   * Reads {@code DATABASE_URL}, {@code DATABASE_USERNAME}, {@code DATABASE_PASSWORD} and {@code
   * DATABASE_POOL_SIZE} through {@code lookup} (e.g. {@code System::getenv}). An empty value counts
   * as unset. Explicit username and password win over those written in the URL.
   *
   * @throws InvalidDatabaseSettingException naming the setting and its (redacted) value
   */
  public static DatabaseSettings from(Function<String, String> lookup, Path dataDir) {
    Objects.requireNonNull(lookup, "lookup");
    SettingsReader r = new SettingsReader(lookup);
    int poolSize = poolSize(r);
    String url = r.text(URL).orElse(null);
    String username = value(lookup, USERNAME);
    String password = value(lookup, PASSWORD);
    if (url == null) {
      Objects.requireNonNull(dataDir, "dataDir is required when DATABASE_URL is not set");
      String file = dataDir.toAbsolutePath().resolve(H2_FILE_NAME).toString();
      return new DatabaseSettings(
          DatabaseKind.H2,
          "jdbc:h2:file:" + file + H2_OPTIONS,
          username == null ? H2_USERNAME : username,
          password == null ? "" : password,
          poolSize,
          DEFAULT_POOL_TIMEOUT);
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    return new DatabaseSettings(
        DatabaseKind.POSTGRESQL,
        parsed.jdbcUrl(),
        username != null ? username : parsed.username(),
        password != null ? password : parsed.password(),
        poolSize,
        DEFAULT_POOL_TIMEOUT);
  }

  /** The same settings with another wait for a free connection; must be positive. */
  public DatabaseSettings withPoolTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new InvalidDatabaseSettingException("pool timeout must be positive, was " + timeout);
    }
    return new DatabaseSettings(kind, jdbcUrl, username, password, poolSize, timeout);
  }

  /** The same settings with another pool size, checked as {@code DATABASE_POOL_SIZE} is. */
  public DatabaseSettings withPoolSize(int size) {
    if (size < 1 || size > MAX_POOL_SIZE) {
      throw new InvalidDatabaseSettingException(POOL_SIZE + "=" + size + " refused: must be 1 to " + MAX_POOL_SIZE + ", was " + size);
    }
    return new DatabaseSettings(kind, jdbcUrl, username, password, size, poolTimeout);
  }

  private static String value(Function<String, String> lookup, String name) {
    String value = lookup.apply(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static int poolSize(SettingsReader r) {
    try {
      return r.integer(POOL_SIZE, DEFAULT_POOL_SIZE, 1, MAX_POOL_SIZE);
    } catch (SettingsReader.InvalidSettingException e) {
      throw new InvalidDatabaseSettingException(e.getMessage());
    }
  }


  public DatabaseKind kind() {
    return kind;
  }

  /** The JDBC URL; for PostgreSQL it may carry query parameters such as sslmode. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String username() {
    return username;
  }

  /** Package-private so nothing outside persistence can print it. */
  String password() {
    return password;
  }

  public int poolSize() {
    return poolSize;
  }

  public Duration poolTimeout() {
    return poolTimeout;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[kind="
        + kind
        + ", url="
        + PostgresUrl.redact(jdbcUrl)
        + ", username="
        + username
        + ", password="
        + (password == null || password.isEmpty() ? "<none>" : "****")
        + ", poolSize="
        + poolSize
        + ", poolTimeout="
        + poolTimeout
        + "]";
  }
}
