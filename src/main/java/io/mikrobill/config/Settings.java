package io.mikrobill.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The application's settings by the guide's names: the environment wins, then an {@code
 * application.properties} in the working folder, then the one built into the jar. Values that the
 * application decides at start (the embedded simulator's address) are layered on top.
 */
public final class Settings implements Function<String, String> {

  private final Map<String, String> env;
  private final Properties files = new Properties();
  private final Map<String, String> overrides = new HashMap<>();

  public Settings(Map<String, String> env, Path home) {
    this.env = env;
    try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
      if (in != null) {
        files.load(in);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in application.properties: " + e.getMessage(), e);
    }
    Path local = home.resolve("application.properties");
    if (Files.isRegularFile(local)) {
      try (Reader r = Files.newBufferedReader(local)) {
        files.load(r);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + local + ": " + e.getMessage(), e);
      }
    }
  }

  /** Sets a value decided at start; it wins over everything else. */
  public void override(String key, String value) {
    overrides.put(key, value);
  }

  @Override
  public String apply(String key) {
    String v = overrides.get(key);
    if (v != null) {
      return v;
    }
    v = env.get(key);
    if (v != null) {
      return v;
    }
    return files.getProperty(key);
  }

  public String get(String key, String defaultValue) {
    return reader().text(key, defaultValue);
  }

  public int integer(String key, int defaultValue) {
    return reader().integer(key, defaultValue);
  }

  /** The typed reader over these settings. */
  public SettingsReader reader() {
    return new SettingsReader(this);
  }
}
