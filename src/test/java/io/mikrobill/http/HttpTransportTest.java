package io.mikrobill.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mikrobill.config.SettingsReader;
import io.mikrobill.config.SettingsReader.InvalidSettingException;
import io.mikrobill.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP_BIND and the HTTPS settings are checked before anything starts; a bad one is refused naming its variable. */
class HttpTransportTest {

  @TempDir
  static Path home;
  private static TestCertificates ec;
  private static TestCertificates rsa;

  @BeforeAll
  static void certificates() throws Exception {
    ec = TestCertificates.generate(home, "ec", "EC");
    rsa = TestCertificates.generate(home, "rsa", "RSA");
    ec.writeCertificatePem(home.resolve("ec.crt"));
    ec.writeKeyPem(home.resolve("ec.key"));
    rsa.writeCertificatePem(home.resolve("rsa.crt"));
    rsa.writeKeyPem(home.resolve("rsa.key"));
  }

  private static HttpTransport from(Map<String, String> env) {
    return HttpTransport.from(new SettingsReader(env::get), home);
  }

  @Test
  void shouldListenOnAllAddressesWithoutTlsByDefault() {
    HttpTransport t = from(Map.of());

    assertThat(t.host()).isEqualTo("0.0.0.0");
    assertThat(t.tls()).isEmpty();
    assertThat(t.describe()).isEqualTo("bind=0.0.0.0 tls=off");
  }

  @Test
  void shouldTakeTheBindAddressAndRefuseOnesThisMachineDoesNotHave() {
    assertThat(from(Map.of("HTTP_BIND", "127.0.0.1")).host()).isEqualTo("127.0.0.1");
    assertThat(from(Map.of("HTTP_BIND", "localhost")).host()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThatThrownBy(() -> from(Map.of("HTTP_BIND", "192.0.2.77")))
        .isInstanceOf(InvalidSettingException.class).hasMessage("HTTP_BIND=192.0.2.77 refused: 192.0.2.77 is not an address of this machine");
    assertThatThrownBy(() -> from(Map.of("HTTP_BIND", "no-such-host.invalid")))
        .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HTTP_BIND=no-such-host.invalid refused");
  }

  @Test
  void shouldServeTlsFromAKeystore() {
    HttpTransport t = from(Map.of("HTTPS_KEYSTORE", "ec.p12", "HTTPS_KEYSTORE_PASSWORD", ec.password));

    assertThat(t.tls()).isPresent();
    assertThat(t.describe()).startsWith("bind=0.0.0.0 tls=on from=HTTPS_KEYSTORE subject=\"CN=localhost\" notAfter=");
    assertThat(t.isExpired()).isFalse();
  }

  @Test
  void shouldServeTlsFromPemFilesWithAnRsaOrAnEcKey() {
    assertThat(from(Map.of("HTTPS_CERT", "rsa.crt", "HTTPS_KEY", "rsa.key")).tls()).isPresent();
    assertThat(from(Map.of("HTTPS_CERT", home.resolve("ec.crt").toString(), "HTTPS_KEY", "ec.key")).describe())
        .contains("tls=on from=HTTPS_CERT");
  }

  @Test
  void shouldRefuseAMissingKeystoreOrAWrongPasswordNamingTheVariableButNotThePassword() {
    assertThatThrownBy(() -> from(Map.of("HTTPS_KEYSTORE", "missing.p12", "HTTPS_KEYSTORE_PASSWORD", "x")))
        .isInstanceOf(InvalidSettingException.class).hasMessage("HTTPS_KEYSTORE=missing.p12 refused: no such file");
    assertThatThrownBy(() -> from(Map.of("HTTPS_KEYSTORE", "ec.p12", "HTTPS_KEYSTORE_PASSWORD", "wrong-secret-77")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("HTTPS_KEYSTORE_PASSWORD refused: it does not open HTTPS_KEYSTORE=ec.p12")
        .message().doesNotContain("wrong-secret-77");
    assertThatThrownBy(() -> from(Map.of("HTTPS_KEYSTORE", "ec.crt", "HTTPS_KEYSTORE_PASSWORD", "x")))
        .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HTTPS_KEYSTORE=ec.crt refused: ");
  }

  @Test
  void shouldRefuseAKeyThatIsNotTheCertificatesOrNotPlainPkcs8() throws Exception {
    assertThatThrownBy(() -> from(Map.of("HTTPS_CERT", "ec.crt", "HTTPS_KEY", "rsa.key")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("HTTPS_KEY=rsa.key refused: it is not the key of the first certificate in HTTPS_CERT=ec.crt");
    Files.writeString(home.resolve("old.key"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> from(Map.of("HTTPS_CERT", "rsa.crt", "HTTPS_KEY", "old.key")))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    Files.writeString(home.resolve("locked.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> from(Map.of("HTTPS_CERT", "rsa.crt", "HTTPS_KEY", "locked.key")))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("HTTPS_KEY=locked.key refused: the key is encrypted");
    assertThatThrownBy(() -> from(Map.of("HTTPS_CERT", "rsa.key", "HTTPS_KEY", "rsa.key")))
        .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HTTPS_CERT=rsa.key refused");
  }

  @Test
  void shouldRefuseHalfOrDoubleConfigurations() {
    assertThatThrownBy(() -> from(Map.of("HTTPS_CERT", "ec.crt")))
        .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HTTPS_CERT is set but HTTPS_KEY is not");
    assertThatThrownBy(() -> from(Map.of("HTTPS_KEYSTORE_PASSWORD", "x")))
        .isInstanceOf(InvalidSettingException.class).hasMessage("HTTPS_KEYSTORE_PASSWORD is set but HTTPS_KEYSTORE is not");
    assertThatThrownBy(() -> from(Map.of("HTTPS_KEYSTORE", "ec.p12", "HTTPS_CERT", "ec.crt", "HTTPS_KEY", "ec.key")))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("are both set");
  }
}
