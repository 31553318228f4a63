package io.mikrobill.routeros.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {

  @Test
  void shouldBuildAttributesThenRawWordsThenQueries() {
    Command command =
        Command.builder("/ip/hotspot/user/print")
            .query("name=alice")
            .whereEquals("profile", "default")
            .proplist(".id", "name", "bytes-in")
            .word("=count-only=")
            .attribute("comment", null)
            .build();

    assertThat(command.path()).isEqualTo("/ip/hotspot/user/print");
    assertThat(command.words())
        .containsExactly(
            "=.proplist=.id,name,bytes-in",
            "=comment=",
            "=count-only=",
            "?name=alice",
            "?profile=default");
  }

  @Test
  void shouldBuildAttributesFromAMapKeepingTheLastValueOfARepeatedName() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", "alice");
    values.put("limit-bytes-total", 1_000_000L);
    values.put("comment", null);

    Command command =
        Command.builder("/ip/hotspot/user/add").attributes(values).attribute("name", "bob").build();

    assertThat(command.words())
        .containsExactly("=name=bob", "=limit-bytes-total=1000000", "=comment=");
  }

  @Test
  void shouldSplitThePathIntoMenuAndVerb() {
    Command command = Command.of("/ip/hotspot/user/print");

    assertThat(command.menu()).isEqualTo("/ip/hotspot/user");
    assertThat(command.verb()).isEqualTo("print");
    assertThat(Command.of("/quit").menu()).isEqualTo("/quit");
    assertThat(Command.of("/quit").verb()).isEqualTo("quit");
  }

  @Test
  void shouldAppendTheTagAsTheLastWord() {
    Command command = Command.of("/ip/hotspot/user/add", "=name=Zürich");

    List<byte[]> words = command.toWords("42", WordCharset.DEFAULT);

    assertThat(words)
        .extracting(w -> new String(w, StandardCharsets.UTF_8))
        .containsExactly("/ip/hotspot/user/add", "=name=Zürich", ".tag=42");
    assertThat(command.toWords(null, WordCharset.DEFAULT)).hasSize(2);
  }

  @Test
  void shouldMaskPasswordsAndLoginResponsesInToString() {
    Command login = Command.of("/login", "=name=admin", "=password=s3cr=et");
    Command legacy =
        Command.of("/login", "=name=admin", "=response=0021277bff9ac7caf06aa608e46616d47f");
    Command user = Command.builder("/ip/hotspot/user/add").attribute("password", "hunter2").build();

    assertThat(login.toString())
        .isEqualTo("/login =name=admin =password=***")
        .doesNotContain("s3cr");
    assertThat(legacy.toString()).isEqualTo("/login =name=admin =response=***");
    assertThat(user.toString()).doesNotContain("hunter2").contains("=password=***");
  }

  @Test
  void shouldRefuseATagWordBecauseTheClientAssignsTags() {
    assertThatThrownBy(() -> Command.of("/ip/address/print", ".tag=5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".tag=5");
    assertThatThrownBy(() -> Command.builder("/ip/address/print").word(".tag=5").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAPathWithoutLeadingSlash() {
    assertThatThrownBy(() -> Command.of("ip/address/print"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ip/address/print");
  }

  @Test
  void shouldKnowWhichCommandsStream() {
    assertThat(Command.of("/ip/hotspot/active/listen").isStreaming()).isTrue();
    assertThat(Command.of("/ip/hotspot/active/print", "=follow=").isStreaming()).isTrue();
    assertThat(Command.of("/ip/hotspot/active/print", "=follow-only=").isStreaming()).isTrue();
    assertThat(Command.builder("/interface/print").word("=follow=").build().isStreaming()).isTrue();
  }

  @Test
  void shouldNotTreatOrdinaryCommandsAsStreaming() {
    assertThat(Command.of("/ip/hotspot/active/print").isStreaming()).isFalse();
    assertThat(Command.of("/ip/hotspot/user/add", "=name=follow").isStreaming()).isFalse();
    assertThat(Command.of("/ip/hotspot/user/print", "?comment=follow").isStreaming()).isFalse();
  }

  @Test
  void shouldTreatMonitorsAsStreamingUnlessToldOnce() {
    assertThat(Command.of("/interface/monitor-traffic", "=interface=ether1").isStreaming()).isTrue();
    assertThat(Command.of("/interface/monitor-traffic", "=interface=ether1", "=once=").isStreaming()).isFalse();
    assertThat(Command.of("/ping", "=address=10.0.0.1").isStreaming()).isTrue();
    assertThat(Command.of("/ping", "=address=10.0.0.1", "=count=3").isStreaming()).isFalse();
  }

  @Test
  void shouldMaskSecretsInQueriesAndOtherSecretAttributes() {
    String text = Command.of("/radius/add", "=secret=s3cr3t", "?password=hunter2", "=name=bob").toString();
    assertThat(text).doesNotContain("s3cr3t").doesNotContain("hunter2").contains("=name=bob");
  }

  @Test
  void shouldKeepItsWordsImmutable() {
    Command command = Command.of("/ip/address/print", "=.proplist=address");

    assertThatThrownBy(() -> command.words().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
