package io.mikrobill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value that reaches a log line (a query parameter, a username, a router's reply) cannot forge
 * another line: the application's own log4j2.properties is loaded into a logger context of the
 * test, and what its console layout writes is captured.
 */
class LogInjectionTest {

  private static final String FORGED = "bob\n2026-12-01 00:00:00.000 INFO  [main] Auth - admin login ok";

  private LoggerContext context;
  private final StringWriter out = new StringWriter();
  private Logger log;

  @BeforeEach
  void loadTheApplicationsConfiguration() throws Exception {
    context = new LoggerContext("log-injection-test");
    ConfigurationSource source = ConfigurationSource.fromResource("log4j2.properties", getClass().getClassLoader());
    assertThat(source.getLocation()).as("the application's configuration, not the tests'").doesNotContain("test-classes");
    Configuration config = new PropertiesConfigurationFactory().getConfiguration(context, source);
    context.start(config);
    Layout<?> layout = config.getAppender("console").getLayout();
    WriterAppender capture = WriterAppender.newBuilder().setName("capture").setLayout(layout).setTarget(out).build();
    capture.start();
    config.addAppender(capture);
    config.getRootLogger().removeAppender("console");
    config.getRootLogger().addAppender(capture, null, null);
    context.updateLoggers();
    log = context.getLogger("io.mikrobill.http.HttpResponses");
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void shouldWriteANewlineInALoggedValueAsAnEscapeOnTheSameLine() {
    log.warn("http GET /api/vouchers failed user=\"{}\"", FORGED);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("user=\"bob\\n2026-12-01 00:00:00.000 INFO  [main] Auth - admin login ok\"");
  }

  @Test
  void shouldEscapeCarriageReturnsAndReplaceOtherControlCharacters() {
    log.warn("value=\"{}\"", "a\rb\u001b[31mred\u0085c\u2028d\u2029e\u0000f\tg");

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).endsWith("value=\"a\\rb?[31mred?c?d?e?f\tg\"");
  }

  @Test
  void shouldKeepAStackTraceReadableButItsMessageOnOneLine() {
    IllegalArgumentException failure = new IllegalArgumentException("bad value '" + FORGED + "'",
        new IllegalStateException("inner\r\n2026-12-01 00:00:00.000 INFO  [main] Auth - root login ok"));
    log.error("http GET /api/vouchers failed", failure);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).endsWith("http GET /api/vouchers failed");
    assertThat(lines.get(1)).isEqualTo("java.lang.IllegalArgumentException: bad value 'bob\\n2026-12-01 00:00:00.000 INFO  [main] Auth"
        + " - admin login ok'");
    assertThat(lines).as("frames stay on their own lines").anyMatch(l -> l.startsWith("\tat io.mikrobill.LogInjectionTest."));
    assertThat(lines).anyMatch(l -> l.equals("Caused by: java.lang.IllegalStateException: inner\\n2026-12-01 00:00:00.000 INFO  [main]"
        + " Auth - root login ok"));
    assertThat(lines.subList(1, lines.size())).as("no line but the event's own starts like an event")
        .noneMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2} .*"));
  }

  @Test
  void shouldWriteAnEventWithoutAFailureAsOneLine() {
    log.info("router={} connected", "default");
    log.info("second");

    assertThat(out.toString().lines().toList()).hasSize(2).allMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2} .*"));
  }
}
