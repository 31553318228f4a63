package io.mikrobill.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place where requests from every source (HTTP, CSV rows, JMS messages) are checked
 * before they reach a router. {@link #validate} takes an action and its fields as parsed by the
 * source, and returns them trimmed and normalised or throws a {@link ValidationException} listing
 * every refused field.
 *
 * <p>Values may be strings or numbers (JSON numbers, {@code BigDecimal}s from a JSON reader,
 * CSV cells as strings); numbers become plain decimals ({@code 5.0} becomes {@code 5}). Null and
 * blank values count as absent, so an empty CSV cell does not fail an optional field. Anything
 * else (objects, lists, booleans, NaN) is refused with code {@code type}. Defaults are filled in
 * for absent fields: {@code router=default}, {@code service=pppoe} on create, {@code
 * type=hotspot}.
 *
 * <p>Order of checks for each field: length against MAX_STRING_LENGTH, then the attack patterns
 * (every string field except the password, including fields the action does not know), then the
 * field's rule. Fields the action does not know are dropped from the result, and refused in strict
 * mode; they are never passed to a router unchecked. Each attack finding goes to the
 * {@link SecurityEventSink} with this validator's source and the field is refused with code
 * {@code security}; a sink that throws does not stop the refusal (its exception is attached as
 * suppressed). The profile-existence hook runs last, and only for a request that is otherwise
 * valid, so a bad request costs the router nothing; whatever the hook throws (router down)
 * propagates as it is.
 *
 * <p><b>With ENABLE_VALIDATION=false</b> no field rule, no required field, no attack check and no
 * profile hook runs, nothing is sent to the sink, and every field passes through, unknown ones
 * included, only trimmed and with defaults filled in. Three things still hold because the rest of
 * the pipeline depends on them, not because they judge the data: the action must be known (or
 * there is nothing to dispatch to), values must be strings or numbers (or there is no word to send),
 * and no string may exceed MAX_STRING_LENGTH (a bound on what one request can make us hold and send).
 */
public final class RequestValidator {

  private final ValidationSettings settings;
  private final SecurityEventSink sink;
  private final String source;
  private final AttackDetector detector;

  /**
   * @param source where this validator's requests come from ({@code http}, {@code csv},
   *     {@code jms}), passed to the sink with each finding
   */
  public RequestValidator(ValidationSettings settings, SecurityEventSink sink, String source) {
    this.settings = settings;
    this.sink = sink;
    this.source = source;
    this.detector = AttackDetector.from(settings);
  }

  /** The same settings and sink, for another source. */
  public RequestValidator forSource(String otherSource) {
    return new RequestValidator(settings, sink, otherSource);
  }

  public ValidationSettings settings() {
    return settings;
  }

  /** The actions this validator knows, in a stable order. */
  public static Set<String> actions() {
    return Actions.names();
  }

  public ValidatedRequest validate(String action, Map<String, ?> fields) {
    return validate(action, fields, null);
  }

  /**
   * As {@link #validate(String, Map)}, and when the request is otherwise valid, asks
   * {@code profileExists} about the {@code profile} field (if present); false refuses the request
   * with code {@code not-found}. A null predicate skips the check.
   */
  public ValidatedRequest validate(String action, Map<String, ?> fields, Predicate<String> profileExists) {
    String act = action == null ? "" : action.strip();
    Map<String, ?> in = fields == null ? Map.of() : fields;
    String password = in.get("password") instanceof CharSequence p ? p.toString() : null;
    Actions.Spec spec = Actions.find(act);
    if (spec == null) {
      throw new ValidationException(act, List.of(new FieldError("action", FieldError.UNKNOWN_ACTION,
          "action " + mention(act, password) + " is unknown; valid actions: " + String.join(", ", Actions.names()))));
    }
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> refused = new HashSet<>();
    for (Map.Entry<String, ?> e : in.entrySet()) {
      String name = e.getKey();
      if (name == null || e.getValue() == null) {
        continue;
      }
      String text = text(e.getValue());
      if (text == null) {
        errors.add(new FieldError(name, FieldError.TYPE, name + " must be a string or a number"));
        refused.add(name);
      } else if (Rules.length(text) > settings.maxStringLength()) {
        errors.add(new FieldError(name, FieldError.LENGTH,
            name + " must be at most " + settings.maxStringLength() + " characters (MAX_STRING_LENGTH)"));
        refused.add(name);
      } else if (!text.isEmpty()) {
        values.put(name, text);
      }
    }
    Map<String, String> out = settings.enabled()
        ? check(spec, values, refused, errors, password, profileExists)
        : passThrough(spec, values);
    if (!errors.isEmpty()) {
      throw new ValidationException(act, errors);
    }
    String router = out.remove("router");
    return new ValidatedRequest(act, router, out);
  }

  private Map<String, String> check(Actions.Spec spec, Map<String, String> values, Set<String> refused,
      List<FieldError> errors, String password, Predicate<String> profileExists) {
    List<RuntimeException> sinkFailures = new ArrayList<>();
    Map<String, String> out = new LinkedHashMap<>();
    for (FieldSpec f : spec.fields().values()) {
      String v = values.get(f.name());
      if (v == null) {
        if (f.required() && !refused.contains(f.name())) {
          errors.add(new FieldError(f.name(), FieldError.REQUIRED, f.name() + " is required"));
        } else if (f.defaultValue() != null && !refused.contains(f.name())) {
          out.put(f.name(), f.defaultValue());
        }
        continue;
      }
      if (!f.secret() && attacked(f.name(), v, errors, sinkFailures)) {
        continue;
      }
      Verdict verdict = f.rule().check(v, settings);
      if (verdict.accepted()) {
        out.put(f.name(), verdict.value());
      } else {
        errors.add(new FieldError(f.name(), verdict.code(), f.name() + " " + verdict.message()));
      }
    }
    for (String name : values.keySet()) {
      if (!spec.fields().containsKey(name) && !attacked(name, values.get(name), errors, sinkFailures)
          && settings.strict()) {
        errors.add(new FieldError(name, FieldError.UNKNOWN_FIELD,
            name + " is not a field of " + spec.name() + " (strict validation)"));
      }
    }
    if (!spec.oneOf().isEmpty() && spec.oneOf().stream().noneMatch(n -> values.containsKey(n) || refused.contains(n))) {
      String first = spec.oneOf().get(0);
      errors.add(new FieldError(first, FieldError.REQUIRED, String.join(" or ", spec.oneOf()) + " is required"));
    }
    if (errors.isEmpty() && profileExists != null) {
      for (FieldSpec f : spec.fields().values()) {
        String profile = out.get(f.name());
        if (f.profileRef() && profile != null && !profileExists.test(profile)) {
          errors.add(new FieldError(f.name(), FieldError.NOT_FOUND,
              "profile " + mention(profile, password) + " does not exist"));
        }
      }
    }
    if (!sinkFailures.isEmpty()) {
      ValidationException refusal = new ValidationException(spec.name(), errors);
      sinkFailures.forEach(refusal::addSuppressed);
      throw refusal;
    }
    return out;
  }

  private boolean attacked(String name, String value, List<FieldError> errors, List<RuntimeException> sinkFailures) {
    List<SecurityFinding> findings = detector.scan(name, value);
    if (findings.isEmpty()) {
      return false;
    }
    for (SecurityFinding f : findings) {
      try {
        sink.record(f, source);
      } catch (RuntimeException e) {
        sinkFailures.add(e);
      }
    }
    String kinds = String.join(", ", findings.stream().map(f -> f.kind().wireName()).toList());
    errors.add(new FieldError(name, FieldError.SECURITY, name + " was refused as a possible attack (" + kinds + ")"));
    return true;
  }

  private static Map<String, String> passThrough(Actions.Spec spec, Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>(values);
    for (FieldSpec f : spec.fields().values()) {
      if (f.defaultValue() != null) {
        out.putIfAbsent(f.name(), f.defaultValue());
      }
    }
    return out;
  }

  // The value as trimmed text, or null when it is not a string or a finite number.
  static String text(Object value) {
    if (value instanceof CharSequence s) {
      return s.toString().strip();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return value.toString();
    }
    BigDecimal d;
    if (value instanceof BigDecimal b) {
      d = b;
    } else if (value instanceof Double || value instanceof Float) {
      double x = ((Number) value).doubleValue();
      if (!Double.isFinite(x)) {
        return null;
      }
      d = value instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(x);
    } else {
      return null;
    }
    return d.stripTrailingZeros().toPlainString();
  }

  // A name quoted in a message, unless it could be hostile or is the password itself.
  private static String mention(String name, String password) {
    boolean safe = name.matches("[A-Za-z0-9._ -]{1,64}") && (password == null || password.isEmpty() || !name.contains(password));
    return safe ? "'" + name + "'" : "(not shown)";
  }
}
