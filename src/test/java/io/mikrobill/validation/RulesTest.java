package io.mikrobill.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulesTest {

  private static final ValidationSettings LAX = ValidationSettings.DEFAULTS;
  private static final ValidationSettings STRICT = ValidationSettings.DEFAULTS.withStrict(true);

  @Test
  void shouldAcceptUsernamesOfThreeToThirtyTwoCharacters() {
    assertThat(Rules.username("ab").code()).isEqualTo(FieldError.LENGTH);
    assertThat(Rules.username("abc").accepted()).isTrue();
    assertThat(Rules.username("a".repeat(32)).accepted()).isTrue();
    assertThat(Rules.username("a".repeat(33)).code()).isEqualTo(FieldError.LENGTH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "user@example.com", "a.b_c-d", "0123", "ROOM_12"})
  void shouldAcceptUsernamesOfLettersDigitsAndAllowedPunctuation(String name) {
    assertThat(Rules.username(name)).isEqualTo(Verdict.ok(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"al ice", "bob!", "o'brien", "jose\u0301", "jos\u00e9", "a/b/c", "tab\tname", "x;rm"})
  void shouldRefuseUsernamesWithOtherCharacters(String name) {
    assertThat(Rules.username(name).code()).isEqualTo(FieldError.FORMAT);
  }

  @Test
  void shouldAcceptPasswordsOfEightToSixtyFourPrintableCharacters() {
    assertThat(Rules.password("1234567").code()).isEqualTo(FieldError.LENGTH);
    assertThat(Rules.password("12345678").accepted()).isTrue();
    assertThat(Rules.password("p".repeat(64)).accepted()).isTrue();
    assertThat(Rules.password("p".repeat(65)).code()).isEqualTo(FieldError.LENGTH);
    assertThat(Rules.password("P@ss w0rd; $(x) 'q'").accepted()).isTrue();
    assertThat(Rules.password("пароль-пароль").accepted()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"secret\n/system", "secret\0pass", "secret\u007fpass", "secret\u202epass"})
  void shouldRefusePasswordsWithControlCharactersWithoutEchoingThem(String password) {
    Verdict v = Rules.password(password);
    assertThat(v.code()).isEqualTo(FieldError.FORMAT);
    assertThat(v.message()).doesNotContain("secret");
  }

  @Test
  void shouldCheckProfileNamesFromOneToSixtyFourCharacters() {
    assertThat(Rules.profileName("a").accepted()).isTrue();
    assertThat(Rules.profileName("10M plan_v1.2-day").accepted()).isTrue();
    assertThat(Rules.profileName("p".repeat(64)).accepted()).isTrue();
    assertThat(Rules.profileName("p".repeat(65)).code()).isEqualTo(FieldError.LENGTH);
    assertThat(Rules.profileName("plan\t1").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.profileName("plan/1").code()).isEqualTo(FieldError.FORMAT);
  }

  @Test
  void shouldCheckRouterNamesAndVoucherPrefixes() {
    assertThat(Rules.routerName("branch-2_a").accepted()).isTrue();
    assertThat(Rules.routerName("r".repeat(65)).code()).isEqualTo(FieldError.LENGTH);
    assertThat(Rules.routerName("main router").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.voucherPrefix("HS2024AB").accepted()).isTrue();
    assertThat(Rules.voucherPrefix("HS2024ABC").code()).isEqualTo(FieldError.LENGTH);
    assertThat(Rules.voucherPrefix("HS-1").code()).isEqualTo(FieldError.FORMAT);
  }

  @Test
  void shouldLimitCommentsToMaxStringLength() {
    assertThat(Rules.comment("c".repeat(255), LAX).accepted()).isTrue();
    assertThat(Rules.comment("c".repeat(256), LAX).code()).isEqualTo(FieldError.LENGTH);
    assertThat(Rules.comment("c".repeat(11), LAX.withMaxStringLength(10)).code()).isEqualTo(FieldError.LENGTH);
  }

  @Test
  void shouldAllowLineBreaksInCommentsOnlyWhenNotStrict() {
    assertThat(Rules.comment("line one\nline two", LAX).accepted()).isTrue();
    assertThat(Rules.comment("line one\nline two", STRICT).code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.comment("bidi \u202e trick", STRICT).code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.comment("nul \0 byte", LAX).code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.comment("Café Ñandú, 3rd floor", STRICT).accepted()).isTrue();
  }

  @Test
  void shouldNormaliseServiceTypeAndSessionId() {
    for (String s : Rules.SERVICES) {
      assertThat(Rules.service(s).accepted()).isTrue();
    }
    assertThat(Rules.service("PPPoE")).isEqualTo(Verdict.ok("pppoe"));
    assertThat(Rules.service("ipsec").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.userType("PPPoE")).isEqualTo(Verdict.ok("pppoe"));
    assertThat(Rules.userType("admin").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.sessionId("*1a")).isEqualTo(Verdict.ok("*1A"));
    assertThat(Rules.sessionId("*80000001").accepted()).isTrue();
    assertThat(Rules.sessionId("1A").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.sessionId("*").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.sessionId("*1G").code()).isEqualTo(FieldError.FORMAT);
  }

  @Test
  void shouldCheckIntegersAtTheirBounds() {
    assertThat(Rules.integer("0", 1, 10_000).code()).isEqualTo(FieldError.RANGE);
    assertThat(Rules.integer("1", 1, 10_000)).isEqualTo(Verdict.ok("1"));
    assertThat(Rules.integer("10000", 1, 10_000).accepted()).isTrue();
    assertThat(Rules.integer("10001", 1, 10_000).code()).isEqualTo(FieldError.RANGE);
    assertThat(Rules.integer("-5", 1, 10_000).code()).isEqualTo(FieldError.RANGE);
    assertThat(Rules.integer("007", 1, 10_000)).isEqualTo(Verdict.ok("7"));
    assertThat(Rules.integer("5.5", 1, 10_000).code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.integer("+5", 1, 10_000).code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.integer("99999999999999999999", 1, 10_000).code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.integer("\u0665", 1, 10_000).code()).isEqualTo(FieldError.FORMAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "5", "12.5", "12.50", "999999.99", "1000000", "1000000.00"})
  void shouldAcceptPricesFromZeroToAMillionWithTwoDecimals(String price) {
    assertThat(Rules.price(price)).isEqualTo(Verdict.ok(price));
  }

  @Test
  void shouldRefusePricesOutOfRangeOrTooPrecise() {
    assertThat(Rules.price("1000000.01").code()).isEqualTo(FieldError.RANGE);
    assertThat(Rules.price("-0.01").code()).isEqualTo(FieldError.RANGE);
    assertThat(Rules.price("1.005").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.price("1e3").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.price("5.").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.price("$5").code()).isEqualTo(FieldError.FORMAT);
    assertThat(Rules.price("5,00").code()).isEqualTo(FieldError.FORMAT);
  }
}
