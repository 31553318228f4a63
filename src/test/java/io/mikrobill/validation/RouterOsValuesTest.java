package io.mikrobill.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterOsValuesTest {

  @Test
  void shouldParseRouterOsDurations() {
    assertThat(RouterOsDuration.parse("1d2h3m4s")).contains(Duration.ofSeconds(86_400 + 7_200 + 180 + 4));
    assertThat(RouterOsDuration.parse("30m")).contains(Duration.ofMinutes(30));
    assertThat(RouterOsDuration.parse("1w")).contains(Duration.ofDays(7));
    assertThat(RouterOsDuration.parse("00:30:00")).contains(Duration.ofMinutes(30));
    assertThat(RouterOsDuration.parse("1d00:30:00")).contains(Duration.ofDays(1).plusMinutes(30));
    assertThat(RouterOsDuration.parse("90")).contains(Duration.ofSeconds(90));
    assertThat(RouterOsDuration.parse("none")).contains(Duration.ZERO);
    assertThat(RouterOsDuration.check("1w2d").accepted()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5x", "", "d", "1dh", "1d1d", "3m1h", "1h 30m", "1.5h", "-1s", "00:60:00", "00:30",
      "0:0:0:0", "None", "1M", "1ms", "99999999999999999999s", "15250284452472w", "9223372036854775807m",
      "106751991167301d00:00:00", " 30m"})
  void shouldRefuseMalformedOrOverflowingDurations(String text) {
    assertThat(RouterOsDuration.parse(text)).isEmpty();
    assertThat(RouterOsDuration.check(text).code()).isEqualTo(FieldError.FORMAT);
  }

  @Test
  void shouldFormatDurationsAsRouterOsPrintsThem() {
    assertThat(RouterOsDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(RouterOsDuration.format(Duration.ofSeconds(694_861))).isEqualTo("1w1d1h1m1s");
    assertThat(RouterOsDuration.format(Duration.ofMinutes(30))).isEqualTo("30m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1024", "10k", "10K", "500M", "1G", "9223372036854775807", "8589934591G"})
  void shouldAcceptByteCounts(String text) {
    assertThat(ByteCount.check(text)).isEqualTo(Verdict.ok(text));
  }

  @Test
  void shouldMultiplyByteSuffixesBy1024() {
    assertThat(ByteCount.parse("10k")).hasValue(10_240);
    assertThat(ByteCount.parse("1G")).hasValue(1L << 30);
  }

  @Test
  void shouldRefuseByteCountsAboveLongMaxOrMalformed() {
    assertThat(ByteCount.check("9223372036854775808").code()).isEqualTo(FieldError.RANGE);
    assertThat(ByteCount.check("8589934592G").code()).isEqualTo(FieldError.RANGE);
    for (String bad : new String[] {"1T", "1m", "1g", "1.5G", "-1", "1 G", "G", "1kk", "0x10", "99999999999999999999"}) {
      assertThat(ByteCount.check(bad).code()).as(bad).isEqualTo(FieldError.FORMAT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"10M", "2M/10M", "512k/2M 1M/4M", "1M/2M 2M/4M 768k/1536k 10/10s",
      "1M/2M 2M/4M 768k/1536k 16/16 8", "1M/2M 2M/4M 768k/1536k 16s/16s 1 256k/512k", "0/0", "1000000"})
  void shouldAcceptRateLimits(String text) {
    assertThat(RateLimit.check(text).accepted()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10G", "1.5M", "1M/", "/1M", "1M/2M/3M", "1m", "1M 2M 3M 4x", "1M 2M 3M 4 9",
      "1M 2M 3M 4 0", "1M 2M 3M 4 8 1M 1M", "1M\t2M", "fast", "1M,2M"})
  void shouldRefuseMalformedRateLimits(String text) {
    assertThat(RateLimit.check(text).code()).isEqualTo(FieldError.FORMAT);
  }
}
