package io.mikrobill.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  @TempDir
  Path data;

  private final SecretBox box = SecretBox.random();

  @Test
  void shouldOpenWhatItSealedAndShowNothingOfItInTheSealedForm() {
    String sealed = box.seal("K7QX4MHA", "vouchers.code");

    assertThat(sealed).startsWith("enc1:").doesNotContain("K7QX4MHA");
    assertThat(box.open(sealed, "vouchers.code")).isEqualTo("K7QX4MHA");
    assertThat(box.seal("K7QX4MHA", "vouchers.code")).as("a new nonce each time").isNotEqualTo(sealed);
    assertThat(box.open(box.seal("", "c"), "c")).isEmpty();
    assertThat(box.open(box.seal("pässwörd ✓", "c"), "c")).isEqualTo("pässwörd ✓");
    assertThat(box.seal(null, "c")).isNull();
    assertThat(box.open(null, "c")).isNull();
  }

  @Test
  void shouldRefuseAValueChangedByOneBit() {
    String sealed = box.seal("secret123", "c");
    byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(5));
    for (int i = 0; i < raw.length; i++) {
      byte[] changed = raw.clone();
      changed[i] ^= 1;
      String tampered = "enc1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
      assertThatThrownBy(() -> box.open(tampered, "c")).as("byte %d", i)
          .isInstanceOf(SealedValueException.class).hasMessageContaining("was changed");
    }
    assertThatThrownBy(() -> box.open(sealed.substring(0, sealed.length() - 4), "c"))
        .isInstanceOf(SealedValueException.class);
    assertThatThrownBy(() -> box.open("enc1:AAAA", "c")).isInstanceOf(SealedValueException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void shouldRefuseAValueMovedToAnotherContext() {
    String sealed = box.seal("secret123", "request_outcomes.body:http-reply\u0000k1");

    assertThatThrownBy(() -> box.open(sealed, "request_outcomes.body:http-reply\u0000k2"))
        .isInstanceOf(SealedValueException.class).hasMessageContaining("moved from another row");
  }

  @Test
  void shouldRefuseAValueSealedWithAnotherKeyNamingTheKey() {
    String sealed = SecretBox.random().seal("secret123", "c");

    assertThatThrownBy(() -> box.open(sealed, "c"))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("key " + box.keyId())
        .hasMessageNotContaining("secret123");
  }

  @Test
  void shouldRefuseAPlainValueWhereASealedOneBelongs() {
    assertThatThrownBy(() -> box.open("K7QX4MHA", "vouchers.code"))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("not sealed")
        .hasMessageNotContaining("K7QX4MHA");
  }

  @Test
  void shouldGiveEqualValuesEqualLookupDigestsThatDependOnTheKey() {
    byte[] key = SecretBox.newKey();
    SecretBox a = SecretBox.of(key);
    SecretBox b = SecretBox.of(key.clone());

    assertThat(a.lookup("K7QX4MHA")).hasSize(64).isEqualTo(b.lookup("K7QX4MHA")).isNotEqualTo(a.lookup("K7QX4MHB"));
    assertThat(SecretBox.random().lookup("K7QX4MHA")).isNotEqualTo(a.lookup("K7QX4MHA"));
    assertThat(a.keyId()).isEqualTo(b.keyId()).hasSize(16).isNotEqualTo(box.keyId());
    assertThat(a.open(b.seal("x", "c"), "c")).isEqualTo("x");
  }

  @Test
  void shouldRefuseABadKeyNamingTheVariableButNotTheValue() {
    assertThatThrownBy(() -> SecretBox.decode(SecretBox.ENV, "not base64 at all!"))
        .isInstanceOf(InvalidSecretKeyException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MIKROBILL_SECRET_KEY")
        .hasMessageNotContaining("not base64 at all");
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> SecretBox.decode(SecretBox.ENV, shortKey))
        .isInstanceOf(InvalidSecretKeyException.class)
        .hasMessageContaining("MIKROBILL_SECRET_KEY must be base64 of 32 bytes, was 16 bytes")
        .hasMessageNotContaining(shortKey);
    byte[] key = SecretBox.newKey();
    assertThat(SecretBox.decode("k", Base64.getEncoder().encodeToString(key) + "\n")).isEqualTo(key);
    assertThat(SecretBox.decode("k", Base64.getUrlEncoder().withoutPadding().encodeToString(key))).isEqualTo(key);
  }

  @Test
  void shouldGenerateTheKeyFileOncePrivateAndReuseIt() throws Exception {
    SecretBox first = SecretBox.load(null, data);
    SecretBox again = SecretBox.load(null, data);

    Path file = data.resolve(SecretBox.KEY_FILE);
    assertThat(file).exists();
    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(again.open(first.seal("x", "c"), "c")).isEqualTo("x");
    if (DataFolder.posix(data)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    try (var left = Files.list(data)) {
      assertThat(left).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void shouldPreferTheConfiguredKeyAndWriteNoFile() {
    byte[] key = SecretBox.newKey();

    SecretBox box = SecretBox.load(key, data);

    assertThat(box.keyId()).isEqualTo(SecretBox.of(key).keyId());
    assertThat(data.resolve(SecretBox.KEY_FILE)).doesNotExist();
  }

  @Test
  void shouldRefuseAKeyFileThatHoldsNoKeyNamingTheFile() throws Exception {
    Files.writeString(data.resolve(SecretBox.KEY_FILE), "garbage\n");

    assertThatThrownBy(() -> SecretBox.load(null, data))
        .isInstanceOf(InvalidSecretKeyException.class)
        .hasMessageContaining(data.resolve(SecretBox.KEY_FILE).toString());
  }
}
