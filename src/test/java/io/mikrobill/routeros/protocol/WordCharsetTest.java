package io.mikrobill.routeros.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WordCharsetTest {

  private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

  @Test
  void shouldDecodeAValidUtf8WordAsUtf8() {
    byte[] word = "=comment=Zürich Привет ✓".getBytes(StandardCharsets.UTF_8);

    assertThat(WordCharset.DEFAULT.decode(word)).isEqualTo("=comment=Zürich Привет ✓");
  }

  @Test
  void shouldDecodeAWordThatIsNotValidUtf8AsWindows1252() {
    byte[] word = {0x63, 0x61, 0x66, (byte) 0xE9}; // "café" as WinBox writes it

    assertThat(WordCharset.DEFAULT.decode(word)).isEqualTo("caf\u00e9");
  }

  @Test
  void shouldChooseTheCharsetPerWordNotPerSentence() {
    byte[] utf8 = "café".getBytes(StandardCharsets.UTF_8);
    byte[] cp1252 = "café".getBytes(WordCharset.DEFAULT_FALLBACK);

    assertThat(WordCharset.DEFAULT.decode(utf8)).isEqualTo("café");
    assertThat(WordCharset.DEFAULT.decode(cp1252)).isEqualTo("café");
  }

  @Test
  void shouldDecodeOnlyTheRequestedRange() {
    byte[] word = {'=', 'n', '=', 0x63, 0x61, 0x66, (byte) 0xE9, '!'};

    assertThat(WordCharset.DEFAULT.decode(word, 3, 4)).isEqualTo("café");
  }

  @Test
  void shouldDecodeEmptyAndAsciiWordsUnchanged() {
    assertThat(WordCharset.DEFAULT.decode(new byte[0])).isEmpty();
    assertThat(WordCharset.DEFAULT.decode("=name=a\r\nb".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("=name=a\r\nb");
  }

  @Test
  void shouldHonourAConfiguredPrimaryCharset() {
    WordCharset cyrillic = new WordCharset(WINDOWS_1251, WordCharset.DEFAULT_FALLBACK);
    byte[] word = "Привет".getBytes(WINDOWS_1251);

    assertThat(cyrillic.decode(word)).isEqualTo("Привет");
    // The same bytes through the default charset are not UTF-8, so they come out as windows-1252.
    assertThat(WordCharset.DEFAULT.decode(word))
        .isEqualTo(new String(word, WordCharset.DEFAULT_FALLBACK));
  }

  @Test
  void shouldEncodeWithThePrimaryCharset() {
    WordCharset cyrillic = WordCharset.of("windows-1251", "windows-1252");

    assertThat(cyrillic.encode("Привет")).isEqualTo("Привет".getBytes(WINDOWS_1251));
    assertThat(WordCharset.DEFAULT.encode("café"))
        .isEqualTo("café".getBytes(StandardCharsets.UTF_8));
    assertThat(cyrillic.primary()).isEqualTo(WINDOWS_1251);
    assertThat(cyrillic.fallback()).isEqualTo(WordCharset.DEFAULT_FALLBACK);
  }
}
