package io.mikrobill.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExecutePolicyTest {

  private final ExecutePolicy defaults = new ExecutePolicy(ExecutePolicy.DEFAULT_ALLOW);

  @ParameterizedTest
  @ValueSource(strings = {"/system/reboot", "/user/add", "/system/script/add", "/tool/fetch", "/ip/firewall/filter/add",
      "/system/reset-configuration", "/ip/service/set", "/file/remove", "/system/scheduler/add", "/certificate/import",
      "/system/shutdown", "/ip/hotspot/user/add", "/ip/hotspot/user/set", "/interface/print"})
  void shouldRefuseByDefaultEverythingButThePrintsItLists(String command) {
    assertThat(defaults.refusal(command)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ip/hotspot/user/print", "/ppp/secret/print", "/system/resource/print", "/system/identity/print",
      "/ip/hotspot/active/print", "/ppp/active/print"})
  void shouldAllowTheDefaultPrints(String command) {
    assertThat(defaults.refusal(command)).isNull();
  }

  @Test
  void shouldNotLetABroadPatternUnlockDangerousCommands() {
    ExecutePolicy broad = new ExecutePolicy(List.of("*", "/system/*", "/ip/*"));
    assertThat(broad.refusal("/interface/print")).isNull();
    assertThat(broad.refusal("/system/reboot")).contains("EXECUTE_ALLOW names it");
    assertThat(broad.refusal("/ip/firewall/filter/add")).isNotNull();
    assertThat(broad.refusal("/ip/service/set")).isNotNull();
    for (String c : new String[] {"/ip/dns/set", "/ip/route/add", "/cancel", "/login", "/ip/address/add"}) {
      assertThat(broad.refusal(c)).as(c).isNotNull();
    }
  }

  @Test
  void shouldAllowADangerousCommandAnAdminNamesExplicitly() {
    ExecutePolicy named = new ExecutePolicy(List.of("/system/reboot", "/ip/firewall/filter/*"));
    assertThat(named.refusal("/system/reboot")).isNull();
    assertThat(named.refusal("/ip/firewall/filter/add")).isNull();
    assertThat(named.refusal("/ip/firewall/nat/add")).isNotNull();
    assertThat(named.refusal("/system/reboot/extra")).isNotNull();
  }
}
