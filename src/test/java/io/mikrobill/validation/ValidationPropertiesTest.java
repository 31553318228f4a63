package io.mikrobill.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class ValidationPropertiesTest {

  private static final String USERNAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._-";
  private final RequestValidator validator = new RequestValidator(ValidationSettings.DEFAULTS, SecurityEventSink.NONE, "test");

  @Provide
  Arbitrary<String> usernames() {
    return Arbitraries.strings().withChars(USERNAME_CHARS.toCharArray()).ofMinLength(3).ofMaxLength(32);
  }

  @Property
  void shouldAcceptEveryUsernameOfAllowedCharacters(@ForAll("usernames") String name) {
    assertThat(Rules.username(name)).isEqualTo(Verdict.ok(name));
    assertThat(validator.validate("removeUser", Map.of("username", name)).fields()).containsEntry("username", name);
  }

  @Property
  void shouldRefuseAUsernameWithAnyForbiddenCharacter(@ForAll("usernames") String name, @ForAll char bad,
      @ForAll @IntRange(min = 0, max = 32) int at) {
    if (USERNAME_CHARS.indexOf(bad) >= 0 || Character.isSurrogate(bad)) {
      return;
    }
    int pos = Math.min(at, name.length() - 1);
    String withBad = name.substring(0, pos) + bad + name.substring(pos + 1);
    assertThat(Rules.username(withBad).accepted()).as("%s", withBad).isFalse();
  }

  @Provide
  Arbitrary<List<Long>> durationParts() {
    Arbitrary<Long> part = Arbitraries.longs().between(0, 100_000).injectNull(0.5);
    return Combinators.combine(part, part, part, part, part).as((a, b, c, d, e) -> Arrays.asList(a, b, c, d, e))
        .filter(l -> l.stream().anyMatch(x -> x != null));
  }

  @Property
  void shouldParseDurationsBuiltFromUnitsAndRoundTripThem(@ForAll("durationParts") List<Long> parts) {
    String[] units = {"w", "d", "h", "m", "s"};
    long[] seconds = {604_800, 86_400, 3_600, 60, 1};
    StringBuilder text = new StringBuilder();
    long expected = 0;
    for (int i = 0; i < units.length; i++) {
      if (parts.get(i) != null) {
        text.append(parts.get(i)).append(units[i]);
        expected += parts.get(i) * seconds[i];
      }
    }
    Duration d = RouterOsDuration.parse(text.toString()).orElseThrow();
    assertThat(d).isEqualTo(Duration.ofSeconds(expected));
    String formatted = RouterOsDuration.format(d);
    assertThat(RouterOsDuration.parse(formatted)).contains(d);
    assertThat(RouterOsDuration.format(RouterOsDuration.parse(formatted).orElseThrow())).isEqualTo(formatted);
  }

  @Property
  void shouldNeverPutThePasswordInTheMessage(@ForAll @StringLength(min = 4, max = 70) String password,
      @ForAll @StringLength(max = 40) String username, @ForAll @StringLength(max = 40) String profile) {
    Assume.that(password.strip().length() >= 6);
    try {
      validator.validate("createHotspotUser", Map.of("username", username, "password", password, "profile", profile,
          "comment", password), p -> false);
      validator.validate("createHotspotUser", Map.of("username", "alice", "password", password, "profile", password), p -> false);
    } catch (ValidationException e) {
      assertThat(e.getMessage()).doesNotContain(password.strip());
      assertThat(e.errors()).allSatisfy(err -> assertThat(err.message()).doesNotContain(password.strip()));
    }
  }

  @Property
  void shouldNeverThrowAnythingButValidationException(@ForAll String action, @ForAll String key, @ForAll String value) {
    try {
      validator.validate(action, Map.of(key, value));
      validator.validate("createHotspotUser", Map.of("username", value, "password", value, "comment", value, key, value));
    } catch (ValidationException expected) {
      assertThat(expected.errors()).isNotEmpty();
    }
  }
}
