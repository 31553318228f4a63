package io.mikrobill.http;

import java.util.List;
import java.util.Map;

/** An error as the HTTP API, result files and JMS replies show it: the guide's enhanced error. */
record ErrorResponse(int status, String type, String message, String severity, List<String> recoverySuggestions,
    List<Map<String, String>> fieldErrors, Integer retryAfterSeconds) {

  public Map<String, Object> toJson() {
    java.util.LinkedHashMap<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    error.put("severity", severity);
    error.put("recoverySuggestions", recoverySuggestions);
    if (fieldErrors != null && !fieldErrors.isEmpty()) {
      error.put("fields", fieldErrors);
    }
    java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("status", status);
    out.put("error", error);
    return out;
  }
}
