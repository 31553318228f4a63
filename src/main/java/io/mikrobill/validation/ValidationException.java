package io.mikrobill.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request refused before it reached a router. Carries every {@link FieldError} found (not just
 * the first), and the guide's "enhanced error" fields: {@code type} {@code validation}, severity
 * {@code low} (the caller must change the request; nothing is wrong with the system) and recovery
 * suggestions derived from the error codes.
 *
 * <p>The message lists the errors. It is built from {@link FieldError#message()} only, which never
 * contains a password or other field value, so it is safe to log and to return to the caller.
 */
public class ValidationException extends RuntimeException {

  public static final String TYPE = "validation";
  public static final String SEVERITY = "low";

  private final String action;
  private final List<FieldError> errors;
  private final List<String> recoverySuggestions;

  public ValidationException(String action, List<FieldError> errors) {
    super(message(action, errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one FieldError");
    }
    this.action = action;
    this.errors = List.copyOf(errors);
    this.recoverySuggestions = suggestions(this.errors);
  }

  /** The action as given (possibly unknown or empty). */
  public String action() {
    return action;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The codes of the errors, in order, without repeats. */
  public Set<String> codes() {
    return errors.stream().map(FieldError::code).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public String type() {
    return TYPE;
  }

  public String severity() {
    return SEVERITY;
  }

  public List<String> recoverySuggestions() {
    return recoverySuggestions;
  }

  private static String message(String action, List<FieldError> errors) {
    String name = action == null || !action.matches("[A-Za-z]{1,40}") ? "request" : action;
    return name + " refused (" + errors.size() + (errors.size() == 1 ? " error): " : " errors): ")
        + errors.stream().map(e -> e.message() + " [" + e.code() + "]").collect(Collectors.joining("; "));
  }

  private static List<String> suggestions(List<FieldError> errors) {
    List<String> out = new ArrayList<>();
    Set<String> codes = errors.stream().map(FieldError::code).collect(Collectors.toSet());
    if (codes.contains(FieldError.UNKNOWN_ACTION)) {
      out.add("Use one of the actions listed in the error");
    }
    if (codes.contains(FieldError.REQUIRED)) {
      out.add("Add the missing required fields");
    }
    if (codes.stream().anyMatch(c -> Set.of(FieldError.TYPE, FieldError.LENGTH, FieldError.FORMAT, FieldError.RANGE).contains(c))) {
      out.add("Correct the listed fields as their messages describe, then send the request again");
    }
    if (codes.contains(FieldError.UNKNOWN_FIELD)) {
      out.add("Remove fields the action does not use, or set STRICT_VALIDATION=false to ignore them");
    }
    if (codes.contains(FieldError.NOT_FOUND)) {
      out.add("Create the profile on the router first (createProfile) or use an existing one");
    }
    if (codes.contains(FieldError.SECURITY)) {
      out.add("Remove markup, SQL, shell or path syntax from the listed fields; the attempt has been recorded");
    }
    return List.copyOf(out);
  }
}
