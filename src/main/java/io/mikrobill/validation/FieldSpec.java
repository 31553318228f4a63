package io.mikrobill.validation;

/**
 * One field of an action: its name as sent by the sources (camelCase), whether it is required,
 * its rule, and the default put in when it is absent (null for none). A {@code secret} field (the
 * password) is never scanned for attacks: its value must not reach a finding or a log, and it is
 * sent to the router as one length-prefixed word, where no character can start a command; its
 * rule refuses control characters instead. {@code profileRef} marks the field the
 * profile-existence hook checks.
 */
record FieldSpec(String name, boolean required, Rule rule, String defaultValue, boolean secret, boolean profileRef) {

  /** A rule over one trimmed, non-empty value. */
  @FunctionalInterface
  interface Rule {
    Verdict check(String value, ValidationSettings settings);
  }

  static FieldSpec required(String name, Rule rule) {
    return new FieldSpec(name, true, rule, null, false, false);
  }

  static FieldSpec optional(String name, Rule rule) {
    return new FieldSpec(name, false, rule, null, false, false);
  }

  FieldSpec withDefault(String value) {
    return new FieldSpec(name, required, rule, value, secret, profileRef);
  }

  FieldSpec asSecret() {
    return new FieldSpec(name, required, rule, defaultValue, true, profileRef);
  }

  FieldSpec asProfileRef() {
    return new FieldSpec(name, required, rule, defaultValue, secret, true);
  }
}
