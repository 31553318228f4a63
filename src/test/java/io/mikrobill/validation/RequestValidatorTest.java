package io.mikrobill.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.mikrobill.validation.SecurityFinding.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

  private record Recorded(SecurityFinding finding, String source) {}

  private final List<Recorded> recorded = new ArrayList<>();
  private final RequestValidator validator =
      new RequestValidator(ValidationSettings.DEFAULTS, (f, s) -> recorded.add(new Recorded(f, s)), "http");

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private ValidationException refusal(RequestValidator v, String action, Map<String, ?> fields) {
    return catchThrowableOfType(ValidationException.class, () -> v.validate(action, fields));
  }

  @Test
  void shouldReturnTrimmedNormalisedFieldsWithDefaults() {
    ValidatedRequest r = validator.validate(" createHotspotUser ", fields("username", "  alice ", "password", "s3cret-pass",
        "profile", "10M", "macAddress", "aa:bb:cc:dd:ee:ff", "limitUptime", "1d", "limitBytesTotal", "1G", "comment", " Room 3 "));
    assertThat(r.action()).isEqualTo("createHotspotUser");
    assertThat(r.router()).isEqualTo("default");
    assertThat(r.fields()).containsExactly(Map.entry("username", "alice"), Map.entry("password", "s3cret-pass"),
        Map.entry("profile", "10M"), Map.entry("comment", "Room 3"), Map.entry("limitUptime", "1d"),
        Map.entry("limitBytesTotal", "1G"), Map.entry("macAddress", "AA:BB:CC:DD:EE:FF"));
  }

  @Test
  void shouldDefaultServiceToPppoeAndKeepTheRouter() {
    ValidatedRequest r = validator.validate("createPPPoESecret", fields("username", "bob", "password", "12345678",
        "localAddress", "10.0.0.1", "remoteAddress", "fd00::2", "router", "branch-1"));
    assertThat(r.router()).isEqualTo("branch-1");
    assertThat(r.fields()).containsEntry("service", "pppoe").doesNotContainKey("router");
    assertThat(validator.validate("updatePPPoESecret", fields("username", "bob")).fields()).containsOnlyKeys("username");
  }

  @Test
  void shouldReportEveryBadFieldAtOnce() {
    ValidationException e = refusal(validator, "createPPPoESecret", fields("username", "b", "service", "ipsec",
        "localAddress", "999.1.1.1", "router", "bad router"));
    assertThat(e.errors()).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
        tuple("username", "length"), tuple("password", "required"),
        tuple("service", "format"), tuple("localAddress", "format"),
        tuple("router", "format"));
    assertThat(e.type()).isEqualTo("validation");
    assertThat(e.severity()).isEqualTo("low");
    assertThat(e.recoverySuggestions()).isNotEmpty();
    assertThat(e.getMessage()).contains("createPPPoESecret refused (5 errors)").contains("password is required [required]");
  }

  @Test
  void shouldRefuseAnUnknownActionListingTheValidOnes() {
    ValidationException e = refusal(validator, "dropEverything", Map.of());
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.field()).isEqualTo("action");
      assertThat(err.code()).isEqualTo(FieldError.UNKNOWN_ACTION);
      assertThat(err.message()).contains("'dropEverything'").contains("createHotspotUser").contains("createProfile");
    });
    assertThat(refusal(validator, "<script>", Map.of()).getMessage()).doesNotContain("<script>");
    assertThat(refusal(validator, null, Map.of()).codes()).containsExactly(FieldError.UNKNOWN_ACTION);
  }

  @Test
  void shouldAcceptNumbersAsJsonNumbersOrStrings() {
    Map<String, String> a = validator.validate("createVouchers",
        fields("count", 50, "profile", "1h", "price", 2.5, "codeLength", 8L, "prefix", "HS")).fields();
    Map<String, String> b = validator.validate("createVouchers",
        fields("count", "50", "profile", "1h", "price", "2.5", "codeLength", " 8", "prefix", "HS")).fields();
    assertThat(a).isEqualTo(b);
    assertThat(validator.validate("createVouchers", fields("count", 5.0, "profile", "p", "price", new BigDecimal("12.50")))
        .fields()).containsEntry("count", "5").containsEntry("price", "12.5");
    assertThat(refusal(validator, "createVouchers", fields("count", 10_001, "profile", "p")).codes()).containsExactly("range");
    assertThat(refusal(validator, "createVouchers", fields("count", 0.1 + 0.2, "profile", "p")).codes()).containsExactly("format");
    assertThat(refusal(validator, "createVouchers", fields("count", Double.NaN, "profile", "p")).codes()).containsExactly("type");
    assertThat(refusal(validator, "createVouchers", fields("count", List.of(1), "profile", "p", "price", true)).errors())
        .extracting(FieldError::field, FieldError::code).containsExactly(
            tuple("count", "type"), tuple("price", "type"));
  }

  @Test
  void shouldCheckTheProfileFields() {
    assertThat(validator.validate("createProfile", fields("name", "10M plan", "rateLimit", "2M/10M 4M/20M 1M/5M 16/16 8",
        "sessionTimeout", "1d", "idleTimeout", "00:30:00", "sharedUsers", 1000)).fields()).hasSize(5);
    assertThat(refusal(validator, "createProfile", fields("name", "p", "rateLimit", "10G", "sessionTimeout", "5x",
        "sharedUsers", 1001)).errors()).extracting(FieldError::field)
        .containsExactly("rateLimit", "sessionTimeout", "sharedUsers");
  }

  @Test
  void shouldNeedAUsernameForUserActionsAndDefaultTheTypeToHotspot() {
    for (String action : List.of("disableUser", "enableUser", "removeUser")) {
      assertThat(validator.validate(action, fields("username", "alice")).fields()).containsEntry("type", "hotspot");
      assertThat(validator.validate(action, fields("username", "alice", "type", "PPPoE")).fields()).containsEntry("type", "pppoe");
      assertThat(refusal(validator, action, fields("type", "ldap")).codes()).containsExactly("required", "format");
    }
  }

  @Test
  void shouldDisconnectBySessionIdOrUsername() {
    assertThat(validator.validate("disconnectSession", fields("id", "*1a")).fields()).containsEntry("id", "*1A");
    assertThat(validator.validate("disconnectSession", fields("username", "alice")).fields()).containsEntry("username", "alice");
    assertThat(refusal(validator, "disconnectSession", Map.of()).errors()).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("id or username is required"));
    assertThat(refusal(validator, "disconnectSession", fields("id", "1A")).codes()).containsExactly("format");
  }

  @Test
  void shouldTreatBlankValuesAsAbsent() {
    Map<String, String> csvRow = new HashMap<>(Map.of("username", "alice", "password", "12345678", "profile", "",
        "comment", "  ", "macAddress", ""));
    assertThat(validator.validate("createHotspotUser", csvRow).fields()).containsOnlyKeys("username", "password");
    assertThat(refusal(validator, "createHotspotUser", fields("username", " ", "password", null)).codes())
        .containsExactly("required");
  }

  @Test
  void shouldIgnoreUnknownFieldsUnlessStrict() {
    Map<String, Object> f = fields("username", "alice", "password", "12345678", "isAdmin", "yes");
    assertThat(validator.validate("createHotspotUser", f).fields()).doesNotContainKey("isAdmin");
    RequestValidator strict = new RequestValidator(ValidationSettings.DEFAULTS.withStrict(true), SecurityEventSink.NONE, "csv");
    ValidationException e = refusal(strict, "createHotspotUser", f);
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.field()).isEqualTo("isAdmin");
      assertThat(err.code()).isEqualTo(FieldError.UNKNOWN_FIELD);
    });
    assertThat(refusal(strict, "createHotspotUser", fields("username", "alice", "password", "12345678",
        "comment", "two\nlines")).codes()).containsExactly("format");
  }

  @Test
  void shouldRecordAttacksWithTheSourceAndRefuseTheField() {
    ValidationException e = refusal(validator.forSource("jms"), "createHotspotUser", fields("username", "alice",
        "password", "12345678", "comment", "hi\n/system reset-configuration", "extra", "<script>x</script>"));
    assertThat(e.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
        tuple("comment", "security"), tuple("extra", "security"));
    assertThat(recorded).extracting(r -> r.finding().kind(), r -> r.finding().field(), Recorded::source).containsExactly(
        tuple(Kind.COMMAND_INJECTION, "comment", "jms"),
        tuple(Kind.XSS, "extra", "jms"));
    assertThat(e.getMessage()).doesNotContain("reset-configuration").doesNotContain("<script>");
    assertThat(e.recoverySuggestions()).anyMatch(s -> s.contains("recorded"));
  }

  @Test
  void shouldStillRefuseWhenTheSinkFails() {
    RequestValidator v = new RequestValidator(ValidationSettings.DEFAULTS, (f, s) -> {
      throw new IllegalStateException("sink down");
    }, "http");
    ValidationException e = refusal(v, "createProfile", fields("name", "p", "rateLimit", "$(reboot)"));
    assertThat(e.codes()).containsExactly("security");
    assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("sink down");
  }

  @Test
  void shouldNotScanOrEchoThePassword() {
    String password = "x' OR '1'='1 $(id)";
    ValidatedRequest r = validator.validate("createHotspotUser", fields("username", "alice", "password", password));
    assertThat(r.fields()).containsEntry("password", password);
    assertThat(recorded).isEmpty();
    ValidationException e = refusal(validator, "createHotspotUser",
        fields("username", "x", "password", "hunter2\n/system reboot", "profile", "hunter2"));
    assertThat(e.getMessage()).doesNotContain("hunter2");
    assertThat(e.errors()).extracting(FieldError::message).noneMatch(m -> m.contains("hunter2"));
  }

  @Test
  void shouldNotNameAProfileThatContainsThePassword() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> validator.validate("createHotspotUser",
        fields("username", "alice", "password", "goldgold1", "profile", "goldgold1"), p -> false));
    assertThat(e.getMessage()).doesNotContain("goldgold1").contains("profile (not shown) does not exist");
  }

  @Test
  void shouldAskTheProfileHookOnlyForOtherwiseValidRequests() {
    List<String> asked = new ArrayList<>();
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> validator.validate("createHotspotUser",
        fields("username", "alice", "password", "12345678", "profile", "gold"), p -> asked.add(p) && false));
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.code()).isEqualTo(FieldError.NOT_FOUND);
      assertThat(err.message()).isEqualTo("profile 'gold' does not exist");
    });
    assertThat(asked).containsExactly("gold");
    asked.clear();
    assertThatThrownBy(() -> validator.validate("createHotspotUser", fields("username", "a", "profile", "gold"),
        p -> asked.add(p))).isInstanceOf(ValidationException.class);
    assertThat(asked).isEmpty();
    assertThat(validator.validate("createVouchers", fields("count", 1, "profile", "gold"), "gold"::equals).fields())
        .containsEntry("profile", "gold");
    assertThat(validator.validate("createProfile", fields("name", "new"), p -> false).fields()).containsEntry("name", "new");
  }

  @Test
  void shouldPassFieldsThroughWhenValidationIsOff() {
    RequestValidator off = new RequestValidator(ValidationSettings.DEFAULTS.withEnabled(false), (f, s) -> recorded.add(null), "http");
    ValidatedRequest r = off.validate("createPPPoESecret", fields("username", " x ", "comment", "<script>", "extra", 5));
    assertThat(r.fields()).containsEntry("username", "x").containsEntry("comment", "<script>").containsEntry("extra", "5")
        .containsEntry("service", "pppoe");
    assertThat(r.router()).isEqualTo("default");
    assertThat(recorded).isEmpty();
    assertThat(refusal(off, "nope", Map.of()).codes()).containsExactly("unknown-action");
    assertThat(refusal(off, "createPPPoESecret", fields("comment", "c".repeat(256))).codes()).containsExactly("length");
    assertThat(refusal(off, "createPPPoESecret", fields("comment", Map.of())).codes()).containsExactly("type");
  }

  @Test
  void shouldRefuseAnyStringLongerThanMaxStringLength() {
    RequestValidator small = new RequestValidator(ValidationSettings.DEFAULTS.withMaxStringLength(10), SecurityEventSink.NONE, "http");
    ValidationException e = refusal(small, "createHotspotUser", fields("username", "alice", "password", "12345678901",
        "comment", "x".repeat(11)));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("password", "comment");
    assertThat(e.codes()).containsExactly("length");
  }

  @Test
  void shouldListTheActions() {
    assertThat(RequestValidator.actions()).containsExactly("createHotspotUser", "updateHotspotUser", "createPPPoESecret",
        "updatePPPoESecret", "disableUser", "enableUser", "removeUser", "disconnectSession", "createVouchers", "createProfile");
  }
}
