package io.mikrobill.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

  @Test
  void shouldTakeTheDefaultsWhenNothingIsSet() {
    BrokerSettings settings = BrokerSettings.from(Map.<String, String>of()::get);

    assertThat(settings.embedded()).isTrue();
    assertThat(settings.url()).isEmpty();
    assertThat(settings.bind()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(61616);
    assertThat(settings.dataDir()).isEqualTo(Path.of("data/artemis"));
    assertThat(settings.maxRedeliveries()).isEqualTo(5);
    assertThat(settings.maxDeliveryAttempts()).isEqualTo(60);
    assertThat(settings.redeliveryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.queue()).isEqualTo("billing.requests");
    assertThat(settings.deadLetterQueue()).isEqualTo("billing.requests.DLQ");
    assertThat(settings.username()).isEmpty();
    assertThat(settings.password()).isEmpty();
    assertThat(settings.passwordFile()).isEqualTo(Path.of("data/broker-password"));
  }

  @Test
  void shouldReadEveryVariableFromTheLookup() {
    Map<String, String> env = Map.of(
        "BROKER_BIND", "10.0.0.5", "BROKER_PORT", "61617", "BROKER_USERNAME", "billing", "BROKER_PASSWORD", "s3cret",
        "BROKER_DATA_DIR", "/var/lib/mikrobill/artemis", "JMS_MAX_REDELIVERIES", "2", "JMS_REDELIVERY_DELAY", "250",
        "BILLING_QUEUE", "invoices", "BROKER_PASSWORD_FILE", "/var/lib/mikrobill/broker-password");

    BrokerSettings settings = BrokerSettings.from(env::get);

    assertThat(settings.bind()).isEqualTo("10.0.0.5");
    assertThat(settings.port()).isEqualTo(61617);
    assertThat(settings.username()).contains("billing");
    assertThat(settings.password()).contains("s3cret");
    assertThat(settings.passwordFile()).isEqualTo(Path.of("/var/lib/mikrobill/broker-password"));
    assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/mikrobill/artemis"));
    assertThat(settings.maxDeliveryAttempts()).isEqualTo(30);
    assertThat(settings.redeliveryDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.deadLetterQueue()).isEqualTo("invoices.DLQ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "192.168.88.1", "127.0.0.1", "localhost"})
  void shouldAcceptAnyBindWithoutCredentialsSinceTheBrokerAlwaysAuthenticates(String bind) {
    BrokerSettings settings = BrokerSettings.builder().bind(bind).build();

    assertThat(settings.bind()).isEqualTo(bind);
    assertThat(settings.username()).isEmpty();
  }

  @Test
  void shouldLetEitherCredentialBeGivenAloneForTheEmbeddedBroker() {
    assertThat(BrokerSettings.from(Map.of("BROKER_USERNAME", "billing")::get).username()).contains("billing");
    assertThat(BrokerSettings.from(Map.of("BROKER_PASSWORD", "s3cret")::get).password()).contains("s3cret");
  }

  @Test
  void shouldRefuseOneCredentialWithoutTheOtherForAnExternalBroker() {
    assertThatThrownBy(() -> BrokerSettings.from(Map.of("BROKER_URL", "tcp://mq:61616", "BROKER_USERNAME", "billing")::get))
        .isInstanceOf(BrokerSettingsException.class)
        .hasMessageContaining("BROKER_USERNAME is set but BROKER_PASSWORD is not");
    assertThatThrownBy(() -> BrokerSettings.builder().url("tcp://mq:61616").password("s3cret").build())
        .isInstanceOf(BrokerSettingsException.class)
        .hasMessageContaining("BROKER_PASSWORD is set but BROKER_USERNAME is not");
  }

  @Test
  void shouldNotCheckTheBindAddressWhenAnExternalBrokerIsUsed() {
    BrokerSettings settings = BrokerSettings.from(Map.of("BROKER_URL", "tcp://mq.internal:61616", "BROKER_BIND", "0.0.0.0")::get);

    assertThat(settings.embedded()).isFalse();
    assertThat(settings.url()).contains("tcp://mq.internal:61616");
  }

  @Test
  void shouldRefuseBadNumbersNamingTheVariableAndTheValue() {
    assertThatThrownBy(() -> BrokerSettings.from(Map.of("BROKER_PORT", "sixty")::get))
        .isInstanceOf(BrokerSettingsException.class).hasMessageContaining("BROKER_PORT=sixty");
    assertThatThrownBy(() -> BrokerSettings.from(Map.of("BROKER_PORT", "70000")::get))
        .isInstanceOf(BrokerSettingsException.class).hasMessageContaining("BROKER_PORT=70000");
    assertThatThrownBy(() -> BrokerSettings.from(Map.of("JMS_MAX_REDELIVERIES", "-1")::get))
        .isInstanceOf(BrokerSettingsException.class).hasMessageContaining("JMS_MAX_REDELIVERIES=-1");
    assertThatThrownBy(() -> BrokerSettings.from(Map.of("JMS_REDELIVERY_DELAY", "-5")::get))
        .isInstanceOf(BrokerSettingsException.class).hasMessageContaining("JMS_REDELIVERY_DELAY=-5");
    assertThatThrownBy(() -> BrokerSettings.from(Map.of("BILLING_QUEUE", "billing requests")::get))
        .isInstanceOf(BrokerSettingsException.class).hasMessageContaining("BILLING_QUEUE=\"billing requests\"");
  }

  @Test
  void shouldTreatBlankVariablesAsUnset() {
    BrokerSettings settings = BrokerSettings.from(Map.of("BROKER_PORT", " ", "BROKER_USERNAME", "", "BROKER_PASSWORD", "")::get);

    assertThat(settings.port()).isEqualTo(BrokerSettings.DEFAULT_PORT);
    assertThat(settings.username()).isEmpty();
    assertThat(settings.password()).isEmpty();
  }

  @Test
  void shouldNeverShowThePasswordInToString() {
    BrokerSettings settings = BrokerSettings.builder().credentials("billing", "s3cret").build();

    assertThat(settings.toString()).contains("username=billing").contains("password=set").doesNotContain("s3cret");
    assertThat(BrokerSettings.defaults().toString()).contains("username=mikrobill").contains("password=file:");
  }
}
