package io.mikrobill.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds {@code V*__*.sql} under a classpath folder, in directories (IDE, tests) and in jars (the
 * packaged application), and returns them ordered by version. Two files with one version are
 * refused: which one ran would depend on classpath order.
 */
final class MigrationScripts {

  private MigrationScripts() {}

  static List<Migration> load(ClassLoader loader, String location) {
    Set<String> names = new TreeSet<>();
    try {
      Enumeration<URL> folders = loader.getResources(location);
      while (folders.hasMoreElements()) {
        names.addAll(fileNames(folders.nextElement(), location));
      }
    } catch (IOException e) {
      throw new MigrationException("cannot list migrations under classpath:" + location, e);
    }
    TreeMap<Integer, Migration> byVersion = new TreeMap<>();
    for (String name : names) {
      Migration migration = Migration.of(name, read(loader, location + "/" + name));
      Migration clash = byVersion.put(migration.version(), migration);
      if (clash != null) {
        throw new MigrationException(
            "two migrations share version "
                + migration.version()
                + ": '"
                + clash.description()
                + "' and '"
                + migration.description()
                + "' under classpath:"
                + location);
      }
    }
    List<Migration> ordered = new ArrayList<>(byVersion.values());
    ordered.sort(Comparator.comparingInt(Migration::version));
    return ordered;
  }

  private static List<String> fileNames(URL folder, String location) throws IOException {
    switch (folder.getProtocol()) {
      case "file":
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
          return files
              .map(p -> p.getFileName().toString())
              .filter(Migration::isMigrationName)
              .toList();
        } catch (URISyntaxException e) {
          throw new IOException("bad folder URL " + folder, e);
        }
      case "jar":
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        connection.setUseCaches(false);
        List<String> names = new ArrayList<>();
        String prefix = location.endsWith("/") ? location : location + "/";
        try (JarFile jar = connection.getJarFile()) {
          for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
            String entryName = entry.getName();
            if (entryName.startsWith(prefix)) {
              String rest = entryName.substring(prefix.length());
              if (!rest.contains("/") && Migration.isMigrationName(rest)) {
                names.add(rest);
              }
            }
          }
        }
        return names;
      default:
        throw new MigrationException(
            "cannot list migrations in " + folder + ": only file: and jar: are supported");
    }
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MigrationException("migration vanished from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException("cannot read migration " + resource, e);
    }
  }
}
