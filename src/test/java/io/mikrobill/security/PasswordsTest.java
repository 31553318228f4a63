package io.mikrobill.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void shouldHashWithArgon2idAndVerifyOnlyTheRightPassword() {
    Passwords p = new Passwords();
    String hash = p.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(p.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
    assertThat(p.verify("correct horse battery", hash)).isTrue();
    assertThat(p.verify("correct horse batterY", hash)).isFalse();
    assertThat(p.verify("", hash)).isFalse();
  }

  @Test
  void shouldVerifyHashesMadeWithOtherParametersAndRefuseMalformedOnes() {
    String cheap = new Passwords(1024, 1).hash("pw-of-twelve");
    assertThat(new Passwords().verify("pw-of-twelve", cheap)).isTrue();
    assertThat(new Passwords().verify("pw-of-twelve", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA")).isFalse();
    assertThat(new Passwords().verify("pw-of-twelve", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA")).isFalse();
    assertThat(new Passwords().verify("pw-of-twelve", "plain")).isFalse();
    assertThat(new Passwords().verify("pw-of-twelve", null)).isFalse();
  }
}
