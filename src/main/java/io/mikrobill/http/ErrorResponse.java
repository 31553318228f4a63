package io.mikrobill.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error as the HTTP API, result files and JMS replies show it: the guide's enhanced error.
 * {@code reference}, when set, names the server log line that holds what the message leaves out.
 */
record ErrorResponse(int status, String type, String message, String severity, List<String> recoverySuggestions,
    List<Map<String, String>> fieldErrors, Integer retryAfterSeconds, String reference) {

  ErrorResponse(int status, String type, String message, String severity, List<String> recoverySuggestions,
      List<Map<String, String>> fieldErrors, Integer retryAfterSeconds) {
    this(status, type, message, severity, recoverySuggestions, fieldErrors, retryAfterSeconds, null);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    error.put("severity", severity);
    error.put("recoverySuggestions", recoverySuggestions);
    if (fieldErrors != null && !fieldErrors.isEmpty()) {
      error.put("fields", fieldErrors);
    }
    if (reference != null) {
      error.put("reference", reference);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("error", error);
    return out;
  }
}
