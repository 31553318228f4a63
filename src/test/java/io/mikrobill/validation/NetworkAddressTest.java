package io.mikrobill.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkAddressTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "192.168.88.1", "255.255.255.255", "1.2.3.4"})
  void shouldAcceptIpv4Addresses(String ip) {
    assertThat(NetworkAddress.ipAddress(ip)).isEqualTo(Verdict.ok(ip));
  }

  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "01.2.3.4",
      "1.2.3.4 ", " 1.2.3.4x", "1.2.3.4/24", "1.2.3.-4", "router.local", "localhost", "1..2.3",
      "\u0661.2.3.4", "0x7f.0.0.1", ""})
  void shouldRefuseMalformedIpv4(String ip) {
    assertThat(NetworkAddress.isIpv4(ip)).isFalse();
    assertThat(NetworkAddress.ipAddress(ip).code()).isEqualTo(FieldError.FORMAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"::", "::1", "fd00::1", "2001:db8::", "2001:0db8:0000:0000:0000:ff00:0042:8329",
      "1:2:3:4:5:6:7:8", "1::8", "::ffff:192.168.1.1", "64:ff9b::10.0.0.1", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7::"})
  void shouldAcceptIpv6Addresses(String ip) {
    assertThat(NetworkAddress.isIpv6(ip)).isTrue();
  }

  @Test
  void shouldLowerCaseIpv6() {
    assertThat(NetworkAddress.ipAddress("FD00::A")).isEqualTo(Verdict.ok("fd00::a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "g::1",
      ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "fe80::1%eth0", "fd00::/64", "::1.2.3.4:5", "1.2.3.4::",
      "1:2:3:4:5:6:7:1.2.3.4", "::999.1.1.1", "[::1]", "fd00::1 "})
  void shouldRefuseMalformedIpv6(String ip) {
    assertThat(NetworkAddress.isIpv6(ip)).isFalse();
  }

  @Test
  void shouldAcceptMacAddressesAndUpperCaseThem() {
    assertThat(NetworkAddress.macAddress("AA:BB:CC:DD:EE:FF")).isEqualTo(Verdict.ok("AA:BB:CC:DD:EE:FF"));
    assertThat(NetworkAddress.macAddress("00:0c:29:ab:cd:ef")).isEqualTo(Verdict.ok("00:0C:29:AB:CD:EF"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AA-BB-CC-DD-EE-FF", "AABB.CCDD.EEFF", "AA:BB:CC:DD:EE", "AA:BB:CC:DD:EE:FF:00",
      "AA:BB:CC:DD:EE:FG", "A:BB:CC:DD:EE:FF", "AA:BB:CC:DD:EE:FF\n"})
  void shouldRefuseOtherMacForms(String mac) {
    assertThat(NetworkAddress.macAddress(mac).code()).isEqualTo(FieldError.FORMAT);
  }
}
