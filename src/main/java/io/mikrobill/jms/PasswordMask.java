package io.mikrobill.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets of a message before it is kept in the dead-letter queue, where an operator
 * reads it long after: every field whose name contains {@code password}, {@code passcode} or
 * {@code secret} (any case, at any depth) becomes {@value #MASK}; the rest is kept as sent, so the
 * refusal can still be understood and the request corrected.
 *
 * <p>A body that is no JSON at all is what the route dead-letters as unreadable, and may still
 * hold a password: there every {@code "name": value} pair with such a name is masked in the text.
 */
final class PasswordMask {

  static final String MASK = "***";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern QUOTED_SECRET = Pattern.compile(
      "(\"[^\"]*(?i:password|passcode|secret)[^\"]*\"\\s*:\\s*)(?:\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)");

  private PasswordMask() {}

  static String mask(String body) {
    if (body == null || body.isEmpty()) {
      return body;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JsonProcessingException notJson) {
      return maskText(body);
    }
    if (tree == null || !tree.isContainerNode()) {
      return maskText(body);
    }
    if (!maskTree(tree)) {
      return body; // nothing secret: keep the sender's bytes exactly
    }
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      return maskText(body);
    }
  }

  static boolean isSecret(String fieldName) {
    String name = fieldName.toLowerCase(Locale.ROOT);
    return name.contains("password") || name.contains("passcode") || name.contains("secret");
  }

  /** Masks in place; true if anything was masked. */
  private static boolean maskTree(JsonNode node) {
    boolean masked = false;
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> field = it.next();
        if (isSecret(field.getKey()) && !field.getValue().isNull()) {
          field.setValue(TextNode.valueOf(MASK));
          masked = true;
        } else {
          masked |= maskTree(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        masked |= maskTree(element);
      }
    }
    return masked;
  }

  private static String maskText(String body) {
    Matcher m = QUOTED_SECRET.matcher(body);
    StringBuilder out = new StringBuilder(body.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + '"' + MASK + '"'));
    }
    m.appendTail(out);
    return out.toString();
  }
}
