package io.mikrobill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The application's runtime classpath (what the jar is shaded from) holds what it needs outside
 * tests: log4j-core writes its log (without it, no warning, no escaped line, no error reference
 * reaches anyone), bcprov hashes passwords. A BOM that manages one at test scope fails here.
 */
class RuntimeClasspathTest {

  @Test
  void shouldShipLoggingAndPasswordHashingInTheApplication() throws Exception {
    String classpath = Files.readString(Path.of("target/runtime-classpath.txt"));
    assertThat(classpath).contains("log4j-core-2.").contains("log4j-slf4j2-impl-").contains("bcprov-jdk18on-")
        .doesNotContain("log4j-core-2.17");
  }
}
