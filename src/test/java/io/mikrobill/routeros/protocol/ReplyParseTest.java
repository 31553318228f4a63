package io.mikrobill.routeros.protocol;

import static io.mikrobill.routeros.protocol.Frames.concat;
import static io.mikrobill.routeros.protocol.Frames.sentence;
import static io.mikrobill.routeros.protocol.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.mikrobill.routeros.RouterOsProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyParseTest {

  private static Reply parse(Object... words) {
    return Reply.parse(sentence(words), WordCharset.DEFAULT);
  }

  @Test
  void shouldParseAttributesInArrivalOrder() {
    Reply reply = parse("!re", "=.id=*1A", "=name=user1", "=profile=default");

    assertThat(reply.type()).isEqualTo(ReplyType.RE);
    assertThat(reply.tag()).isNull();
    assertThat(reply.attributes())
        .containsExactly(entry(".id", "*1A"), entry("name", "user1"), entry("profile", "default"));
  }

  @Test
  void shouldKeepEmptyValuesAndFlags() {
    Reply reply = parse("!re", "=comment=", "=disabled");

    assertThat(reply.attributes()).containsExactly(entry("comment", ""), entry("disabled", ""));
  }

  @Test
  void shouldSplitOnlyAtTheSecondEqualsSign() {
    Reply reply = parse("!re", "=comment=a=b==c=", "=script=:if ($x=1) do={}");

    assertThat(reply.attribute("comment")).isEqualTo("a=b==c=");
    assertThat(reply.attribute("script")).isEqualTo(":if ($x=1) do={}");
  }

  @Test
  void shouldKeepNewlinesAndDecodeEachValueWithItsOwnCharset() {
    Reply reply =
        parse(
            "!re",
            "=note=a\nb\r\nc",
            concat(utf8("=legacy=caf"), new byte[] {(byte) 0xE9}),
            "=city=Zürich");

    assertThat(reply.attribute("note")).isEqualTo("a\nb\r\nc");
    assertThat(reply.attribute("legacy")).isEqualTo("café");
    assertThat(reply.attribute("city")).isEqualTo("Zürich");
  }

  @Test
  void shouldRouteByTagWithoutTreatingItAsAnAttribute() {
    Reply reply = parse("!trap", "=category=2", "=message=interrupted", ".tag=10");

    assertThat(reply.type()).isEqualTo(ReplyType.TRAP);
    assertThat(reply.tag()).isEqualTo("10");
    assertThat(reply.attributes()).doesNotContainKey(".tag").doesNotContainKey("tag");
    assertThat(reply.category()).isEqualTo(2);
    assertThat(reply.errorMessage()).isEqualTo("interrupted");
  }

  @Test
  void shouldParseDoneWithRetAndEmptyWithTag() {
    Reply done = parse("!done", "=ret=*3");
    Reply empty = parse("!empty", ".tag=11");

    assertThat(done.attribute("ret")).isEqualTo("*3");
    assertThat(done.type().isFinal()).isTrue();
    assertThat(empty.type()).isEqualTo(ReplyType.EMPTY);
    assertThat(empty.type().isFinal()).isFalse();
    assertThat(empty.tag()).isEqualTo("11");
  }

  @Test
  void shouldTakeTheBareWordOfAFatalAsItsReason() {
    Reply reply = parse("!fatal", "session terminated on request");

    assertThat(reply.type()).isEqualTo(ReplyType.FATAL);
    assertThat(reply.message()).isEqualTo("session terminated on request");
    assertThat(reply.errorMessage()).isEqualTo("session terminated on request");
    assertThat(reply.attributes()).isEmpty();
  }

  @Test
  void shouldReportMissingCategoryAsMinusOne() {
    assertThat(parse("!trap", "=message=no such item").category()).isEqualTo(-1);
    assertThat(parse("!trap", "=category=x").category()).isEqualTo(-1);
  }

  @Test
  void shouldIgnoreUnknownWordsInNonFatalReplies() {
    Reply reply = parse("!re", "?name=a", "=name=a");

    assertThat(reply.attributes()).containsExactly(entry("name", "a"));
  }

  @Test
  void shouldRefuseAnUnknownReplyWord() {
    assertThatThrownBy(() -> parse("!bogus", "=name=a"))
        .isInstanceOf(RouterOsProtocolException.class)
        .hasMessageContaining("unknown reply word '!bogus'");
    assertThatThrownBy(() -> parse("re")).isInstanceOf(RouterOsProtocolException.class);
    assertThatThrownBy(() -> parse("=name=a")).isInstanceOf(RouterOsProtocolException.class);
  }

  @Test
  void shouldRefuseAnEmptySentence() {
    assertThatThrownBy(() -> Reply.parse(List.of(), WordCharset.DEFAULT))
        .isInstanceOf(RouterOsProtocolException.class);
  }

  @Test
  void shouldExposeAttributesReadOnly() {
    Reply reply = parse("!re", "=name=a");

    assertThatThrownBy(() -> reply.attributes().put("name", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
