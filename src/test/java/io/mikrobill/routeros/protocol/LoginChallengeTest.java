package io.mikrobill.routeros.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoginChallengeTest {

  @Test
  void shouldAnswerThePublishedChallengeVector() {
    String response =
        LoginChallenge.response("passTest".getBytes(StandardCharsets.UTF_8), "abc123");

    assertThat(response).isEqualTo("0021277bff9ac7caf06aa608e46616d47f");
  }

  @Test
  void shouldAnswerAThirtyTwoDigitChallengeWithZeroZeroAndThirtyTwoHexDigits() {
    String response =
        LoginChallenge.response(
            "secret".getBytes(StandardCharsets.UTF_8), "0123456789abcdef0123456789ABCDEF");

    assertThat(response).hasSize(34).startsWith("00").matches("[0-9a-f]{34}");
  }

  @Test
  void shouldRecogniseEvenLengthHexAsAChallenge() {
    assertThat(LoginChallenge.isChallenge("abc123")).isTrue();
    assertThat(LoginChallenge.isChallenge("ebddd18303a54111e2dea05a92ab46b4")).isTrue();
    assertThat(LoginChallenge.isChallenge("EBDDD18303A54111E2DEA05A92AB46B4")).isTrue();
  }

  @Test
  void shouldNotMistakeOtherRetValuesForAChallenge() {
    assertThat(LoginChallenge.isChallenge(null)).isFalse();
    assertThat(LoginChallenge.isChallenge("")).isFalse();
    assertThat(LoginChallenge.isChallenge("*3")).isFalse(); // the id of an added item
    assertThat(LoginChallenge.isChallenge("abc")).isFalse(); // odd length
    assertThat(LoginChallenge.isChallenge("xyz123")).isFalse();
  }
}
