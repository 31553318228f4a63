package io.mikrobill.routeros.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The value checks RouterOS applies, as pure functions. */
class SimulatorValuesTest {

  @Test
  void shouldAcceptRateLimitsInEveryPositionalForm() {
    for (String ok : new String[] {"1M", "512k/2M", "1M/2M 2M/4M", "1M/2M 2M/4M 768k/1536k 16/16",
        "1M/2M 2M/4M 768k/1536k 16s/16s 8", "1M/2M 2M/4M 768k/1536k 16/16 8 256k/512k", "1.5M/3M"}) {
      assertThat(RateLimit.isValid(ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"fast", "1M//2M", "1M/2M/3M", "1M 2M 3M 4M 0", "1M 2M 3M 4M 9",
        "1M 2M 3M 4M 5 6M 7", "-1M", "1T"}) {
      assertThat(RateLimit.isValid(bad)).as(bad).isFalse();
    }
  }

  @Test
  void shouldParseAndPrintDurationsAsRouterOsDoes() {
    assertThat(RouterDuration.tryParse("1d2h3m4s")).isEqualTo(Duration.ofSeconds(93_784));
    assertThat(RouterDuration.tryParse("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(RouterDuration.tryParse("01:30:00")).isEqualTo(Duration.ofMinutes(90));
    assertThat(RouterDuration.tryParse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(RouterDuration.tryParse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(RouterDuration.tryParse("soon")).isNull();
    assertThat(RouterDuration.tryParse("1h 2m")).isNull();
    assertThat(RouterDuration.format(Duration.ofSeconds(93_784))).isEqualTo("1d2h3m4s");
    assertThat(RouterDuration.format(Duration.ofDays(8))).isEqualTo("1w1d");
    assertThat(RouterDuration.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void shouldParseByteCountsWithBinarySuffixes() {
    assertThat(ByteCount.parse("limit", "1000")).isEqualTo(1000);
    assertThat(ByteCount.parse("limit", "10k")).isEqualTo(10_240);
    assertThat(ByteCount.parse("limit", "2G")).isEqualTo(2L << 30);
    assertThatThrownBy(() -> ByteCount.parse("limit-bytes-in", "-5")).hasMessageContaining("limit-bytes-in");
    assertThatThrownBy(() -> ByteCount.parse("limit", "99999999999999999999")).isInstanceOf(SimulatorTrap.class);
  }

  @Test
  void shouldParseFaultSpecsAndNameBadKeysAndValues() {
    FaultSpec s = FaultSpec.parse("seed=42, drop-after=100,drop-rate=0.01,stall-rate=0.001,stall-ms=5000,"
        + "garbage-rate=0.001,fatal-rate=0.001,refuse-login=false,restart-every-ms=0");
    assertThat(s.seed()).isEqualTo(42);
    assertThat(s.dropAfter()).isEqualTo(100);
    assertThat(FaultSpec.parse(s.toString())).isEqualTo(s);
    assertThat(FaultSpec.parse("none")).isEqualTo(FaultSpec.NONE);
    assertThatThrownBy(() -> FaultSpec.parse("drop-rate=1.5")).hasMessageContaining("drop-rate").hasMessageContaining("1.5");
    assertThatThrownBy(() -> FaultSpec.parse("explode=1")).hasMessageContaining("explode");
    assertThatThrownBy(() -> FaultSpec.parse("stall-ms=soon")).hasMessageContaining("soon");
  }

  @Test
  void shouldDrawTheSameFaultsFromTheSameSeed() {
    FaultSwitch a = new FaultSwitch(FaultSpec.parse("seed=9,drop-rate=0.1,stall-rate=0.1"));
    FaultSwitch b = new FaultSwitch(FaultSpec.parse("seed=9,drop-rate=0.1,stall-rate=0.1"));
    for (int i = 1; i <= 500; i++) {
      assertThat(a.decide(i)).isEqualTo(b.decide(i));
    }
  }
}
