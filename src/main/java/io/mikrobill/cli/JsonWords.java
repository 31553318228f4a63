package io.mikrobill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mikrobill.routeros.protocol.Command;
import java.util.ArrayList;
import java.util.List;

/** Reads one command from a JSON array of words: {@code ["/ip/hotspot/user/add","=name=a"]}. */
final class JsonWords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonWords() {}

  static Command parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + firstLine(e));
    }
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException("expected a non-empty JSON array of words");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode w : node) {
      if (!w.isTextual()) {
        throw new IllegalArgumentException("every word must be a JSON string, found " + w.getNodeType());
      }
      words.add(w.textValue());
    }
    String path = words.get(0);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("the first word must be a command starting with '/', was '" + path + "'");
    }
    try {
      return new Command(path, words.subList(1, words.size()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
