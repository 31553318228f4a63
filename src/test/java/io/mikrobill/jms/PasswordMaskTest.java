package io.mikrobill.jms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the dead-letter queue keeps of a refused message: everything but its secrets. */
class PasswordMaskTest {

  @Test
  void shouldMaskEveryPasswordLikeFieldAndKeepTheRest() {
    String masked = PasswordMask.mask("{\"action\":\"createHotspotUser\",\"username\":\"bob\",\"password\":\"secret123\","
        + "\"secret\":\"s3\",\"newPassword\":\"n3w-pass\",\"PASSCODE\":\"1234\",\"requestId\":\"legacy-77\"}");

    assertThat(masked).isEqualTo("{\"action\":\"createHotspotUser\",\"username\":\"bob\",\"password\":\"***\","
        + "\"secret\":\"***\",\"newPassword\":\"***\",\"PASSCODE\":\"***\",\"requestId\":\"legacy-77\"}");
  }

  @Test
  void shouldMaskNestedFieldsAndNonTextValues() {
    String masked = PasswordMask.mask("{\"users\":[{\"name\":\"a\",\"password\":12345678}],\"router\":{\"apiPassword\":\"x\"}}");

    assertThat(masked).isEqualTo("{\"users\":[{\"name\":\"a\",\"password\":\"***\"}],\"router\":{\"apiPassword\":\"***\"}}");
  }

  @Test
  void shouldKeepABodyWithoutSecretsByteForByte() {
    String body = "{ \"action\" : \"removeUser\", \"username\":\"bob\" }";

    assertThat(PasswordMask.mask(body)).isSameAs(body);
  }

  @Test
  void shouldMaskPasswordsInABodyThatIsNoValidJson() {
    String masked = PasswordMask.mask("{\"username\":\"bob\",\"password\":\"sec\\\"ret123\", \"pin\": 1, \"passcode\": 9876,");

    assertThat(masked).isEqualTo("{\"username\":\"bob\",\"password\":\"***\", \"pin\": 1, \"passcode\": \"***\",");
    assertThat(PasswordMask.mask("not json at all")).isEqualTo("not json at all");
    assertThat(PasswordMask.mask("{\"password\":\"unterminated")).isEqualTo("{\"password\":\"***\"");
  }
}
