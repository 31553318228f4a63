package io.mikrobill.persistence;

import io.mikrobill.config.SettingsReader;
import io.mikrobill.security.InvalidSecretKeyException;
import io.mikrobill.security.SecretBox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the database is and how many connections to hold. Immutable; built from environment-style
 * settings by {@link #from}. Without {@code DATABASE_URL} MikroBill keeps its data in an embedded
 * H2 file under the data directory, in PostgreSQL compatibility mode so the same SQL runs on both.
 *
 * <p>The password is readable only inside this package and never appears in {@link #toString()}.
 * The embedded H2 database without {@code DATABASE_PASSWORD} gets a generated password, kept in
 * {@value #H2_PASSWORD_FILE} in the data folder ({@link Database#open} reads or makes it). The
 * secrets the database holds are sealed with the key of {@code MIKROBILL_SECRET_KEY}, or of the
 * key file in the data folder.
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

  /** The generated password of the embedded H2 database, in the data folder (mode 0600). */
  public static final String H2_PASSWORD_FILE = "database.password";

  /**
   * No AUTO_SERVER: the file is opened by one process only, and no TCP port is served (it listened
   * on every interface, and its key sat in a readable lock file). DATABASE_TO_LOWER makes unquoted names lower case, as PostgreSQL does. WRITE_DELAY=0 writes
   * each commit to the file before the commit returns (H2's default delays it by up to 500 ms,
   * so commits made just before a kill -9 were lost): a settled request stays settled.
   */
  public static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

  private final DatabaseKind kind;
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final int poolSize;
  private final Duration poolTimeout;
  private final Path dataDir;
  private final byte[] secretKey;

  private DatabaseSettings(
      DatabaseKind kind,
      String jdbcUrl,
      String username,
      String password,
      int poolSize,
      Duration poolTimeout,
      Path dataDir,
      byte[] secretKey) {
    this.kind = kind;
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.poolSize = poolSize;
    this.poolTimeout = poolTimeout;
    this.dataDir = dataDir;
    this.secretKey = secretKey;
  }

  /**
   * Reads {@code DATABASE_URL}, {@code DATABASE_USERNAME}, {@code DATABASE_PASSWORD} and {@code
   * DATABASE_POOL_SIZE} and {@code MIKROBILL_SECRET_KEY} through {@code lookup} (e.g. {@code
   * System::getenv}). An empty value counts as unset. Explicit username and password win over
   * those written in the URL. {@code dataDir} holds the H2 files (without a URL) and the generated
   * secret key (without {@code MIKROBILL_SECRET_KEY}).
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
    byte[] secretKey = secretKey(lookup);
    Path dir = dataDir == null ? null : dataDir.toAbsolutePath();
    if (url == null) {
      Objects.requireNonNull(dataDir, "dataDir is required when DATABASE_URL is not set");
      String file = dir.resolve(H2_FILE_NAME).toString();
      return new DatabaseSettings(
          DatabaseKind.H2,
          "jdbc:h2:file:" + file + H2_OPTIONS,
          username == null ? H2_USERNAME : username,
          password,
          poolSize,
          DEFAULT_POOL_TIMEOUT,
          dir,
          secretKey);
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    return new DatabaseSettings(
        DatabaseKind.POSTGRESQL,
        parsed.jdbcUrl(),
        username != null ? username : parsed.username(),
        password != null ? password : parsed.password(),
        poolSize,
        DEFAULT_POOL_TIMEOUT,
        dir,
        secretKey);
  }

  private static byte[] secretKey(Function<String, String> lookup) {
    String value = value(lookup, SecretBox.ENV);
    if (value == null) {
      return null;
    }
    try {
      return SecretBox.decode(SecretBox.ENV, value);
    } catch (InvalidSecretKeyException e) {
      throw new InvalidDatabaseSettingException(e.getMessage());
    }
  }

  /** The same settings with another wait for a free connection; must be positive. */
  public DatabaseSettings withPoolTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new InvalidDatabaseSettingException("pool timeout must be positive, was " + timeout);
    }
    return new DatabaseSettings(kind, jdbcUrl, username, password, poolSize, timeout, dataDir, secretKey);
  }

  /** The same settings with another pool size, checked as {@code DATABASE_POOL_SIZE} is. */
  public DatabaseSettings withPoolSize(int size) {
    if (size < 1 || size > MAX_POOL_SIZE) {
      throw new InvalidDatabaseSettingException(POOL_SIZE + "=" + size + " refused: must be 1 to " + MAX_POOL_SIZE + ", was " + size);
    }
    return new DatabaseSettings(kind, jdbcUrl, username, password, size, poolTimeout, dataDir, secretKey);
  }

  /** The same settings with another secret key (null: the key file in the data folder). */
  DatabaseSettings withSecretKey(byte[] key) {
    return new DatabaseSettings(kind, jdbcUrl, username, password, poolSize, poolTimeout, dataDir,
        key == null ? null : key.clone());
  }

  /** The same settings with the password {@link Database#open} settled on for H2. */
  DatabaseSettings withPassword(String resolved) {
    return new DatabaseSettings(kind, jdbcUrl, username, resolved, poolSize, poolTimeout, dataDir, secretKey);
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

  /**
   * Package-private so nothing outside persistence can print it. Null for H2 without {@code
   * DATABASE_PASSWORD}: the generated one is read when the database opens.
   */
  String password() {
    return password;
  }

  /** The data folder: the H2 files, the H2 password file, the generated secret key; null if none was given. */
  public Path dataDir() {
    return dataDir;
  }

  /** The decoded {@code MIKROBILL_SECRET_KEY}, or null to use the key file in the data folder. */
  byte[] secretKey() {
    return secretKey == null ? null : secretKey.clone();
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
        + (password == null && kind == DatabaseKind.H2 ? "<generated>" : password == null || password.isEmpty() ? "<none>" : "****")
        + ", poolSize="
        + poolSize
        + ", poolTimeout="
        + poolTimeout
        + ", secretKey="
        + (secretKey == null ? "<key file>" : "****")
        + "]";
  }
}
