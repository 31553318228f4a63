package io.mikrobill.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationSettingsTest {

  @Test
  void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
    ValidationSettings s = ValidationSettings.from(k -> null);
    assertThat(s).isEqualTo(ValidationSettings.DEFAULTS);
    assertThat(s.enabled()).isTrue();
    assertThat(s.strict()).isFalse();
    assertThat(s.xssProtection()).isTrue();
    assertThat(s.sqlInjectionProtection()).isTrue();
    assertThat(s.maxStringLength()).isEqualTo(255);
  }

  @Test
  void shouldReadEveryVariable() {
    Map<String, String> env = Map.of("ENABLE_VALIDATION", "false", "STRICT_VALIDATION", "yes",
        "ENABLE_XSS_PROTECTION", "0", "ENABLE_SQL_INJECTION_PROTECTION", "off", "MAX_STRING_LENGTH", " 1000 ");
    assertThat(ValidationSettings.from(env::get)).isEqualTo(new ValidationSettings(false, true, false, false, 1000));
  }

  @Test
  void shouldRefuseBadValuesNamingTheVariableAndValue() {
    assertThatThrownBy(() -> ValidationSettings.from(Map.of("STRICT_VALIDATION", "maybe")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STRICT_VALIDATION").hasMessageContaining("maybe");
    assertThatThrownBy(() -> ValidationSettings.from(Map.of("MAX_STRING_LENGTH", "lots")::get))
        .hasMessageContaining("MAX_STRING_LENGTH").hasMessageContaining("lots");
    assertThatThrownBy(() -> ValidationSettings.from(Map.of("MAX_STRING_LENGTH", "0")::get))
        .hasMessageContaining("MAX_STRING_LENGTH").hasMessageContaining("MAX_STRING_LENGTH=0");
    assertThatThrownBy(() -> ValidationSettings.from(Map.of("MAX_STRING_LENGTH", "65536")::get))
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> ValidationSettings.DEFAULTS.withMaxStringLength(-1)).hasMessageContaining("-1");
  }
}
