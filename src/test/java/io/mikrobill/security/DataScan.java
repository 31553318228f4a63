package io.mikrobill.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Searches every byte of every file under a folder for strings, as someone who copied the folder
 * would: UTF-8 and UTF-16 (H2 and Java may keep text either way), whatever the file's format.
 */
public final class DataScan {

  private DataScan() {}

  /** "file: needle" for each needle found in a file under {@code root}, folders in {@code exempt} skipped. */
  public static List<String> find(Path root, Collection<Path> exempt, Collection<String> needles) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (exempt.stream().anyMatch(f::startsWith)) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(f);
        for (String needle : needles) {
          if (contains(bytes, needle.getBytes(StandardCharsets.UTF_8))
              || contains(bytes, needle.getBytes(StandardCharsets.UTF_16BE))
              || contains(bytes, needle.getBytes(StandardCharsets.UTF_16LE))) {
            hits.add(root.relativize(f) + ": " + needle);
          }
        }
      }
    }
    return hits;
  }

  /** The files under {@code root}, relative, for messages. */
  public static List<String> list(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
