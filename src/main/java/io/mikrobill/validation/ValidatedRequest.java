package io.mikrobill.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that passed validation: the action, the router it is for, and its fields as trimmed,
 * normalised strings (numbers as plain decimals, MAC addresses and session ids in upper case,
 * service and type in lower case, defaults filled in). Only fields the action knows are kept,
 * unless validation is off. The order of {@code fields} is the order of the action's fields.
 */
public record ValidatedRequest(String action, String router, Map<String, String> fields) {

  public ValidatedRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(router, "router");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }
}
