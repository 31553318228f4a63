package io.mikrobill.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.billing.ApplyResult;
import io.mikrobill.persistence.InvalidValueException;
import io.mikrobill.validation.FieldError;
import io.mikrobill.validation.ValidationException;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.camel.RuntimeCamelException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No error body shows a Java class name, SQL or a file path of this machine: such a message is
 * replaced by a general one with a reference, and the original is logged under that reference.
 */
class ErrorDisclosureTest {

  private final StringWriter log = new StringWriter();
  private WriterAppender capture;

  @BeforeEach
  void captureTheMappersLog() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    capture = WriterAppender.newBuilder().setName("error-disclosure-test")
        .setLayout(PatternLayout.newBuilder().withPattern("%-5level %m%n%ex").build()).setTarget(log).build();
    capture.start();
    LoggerConfig mapper = new LoggerConfig(ErrorMapper.class.getName(), Level.INFO, false);
    mapper.addAppender(capture, null, null);
    config.addLogger(ErrorMapper.class.getName(), mapper);
    context.updateLoggers();
  }

  @AfterEach
  void stopCapturing() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(ErrorMapper.class.getName());
    context.updateLoggers();
    capture.stop();
  }

  @Test
  void shouldHideAClassNameAndLogItUnderTheReference() {
    ErrorResponse e = ErrorMapper.map(new IllegalArgumentException("No enum constant io.mikrobill.persistence.VoucherState.BOGUS"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.reference()).matches("[0-9a-f]{12}");
    assertThat(e.message()).contains(e.reference()).doesNotContain("io.mikrobill").doesNotContain("VoucherState");
    assertThat(e.toJson().toString()).doesNotContain("io.mikrobill").contains("reference=" + e.reference());
    assertThat(log.toString()).contains("reference=" + e.reference())
        .contains("No enum constant io.mikrobill.persistence.VoucherState.BOGUS")
        .as("a client's bad request is one line, no stack trace").doesNotContain("\tat ");
  }

  @Test
  void shouldHideSqlAndDatabaseMessages() {
    for (String message : List.of(
        "Syntax error in SQL statement \"SELECT * FROM vouchers WHERE code = ?\" [42000-232]",
        "INSERT INTO request_outcomes (k, status) VALUES (?, ?) failed",
        "cannot open jdbc:h2:./data/mikrobill",
        "ERROR: duplicate key value SQLSTATE 23505")) {
      ErrorResponse e = ErrorMapper.map(new IllegalArgumentException(message));
      assertThat(e.message()).as(message).doesNotContain("SELECT").doesNotContain("INSERT").doesNotContain("jdbc")
          .doesNotContain("SQLSTATE").contains("reference");
    }
  }

  @Test
  void shouldHideFilePathsOfThisMachine() {
    String workingFolder = System.getProperty("user.dir");
    for (String message : List.of(
        "cannot read /tmp/mikrobill/data/inbox/vouchers/batch1.csv",
        "consumer of file:///srv/mikrobill/data/inbox/vouchers failed",
        "no profiles file at /home/billing/mikrobill/profiles.json",
        "key file C:\\mikrobill\\data\\secret.key unreadable",
        "cannot write " + workingFolder + "/data/outbox/x.result.csv",
        "cannot write " + workingFolder)) {
      ErrorResponse e = ErrorMapper.map(new IllegalArgumentException(message));
      assertThat(e.message()).as(message).doesNotContain("/tmp").doesNotContain("file:").doesNotContain("/home")
          .doesNotContain("C:\\").doesNotContain(workingFolder).contains("reference");
    }
  }

  @Test
  void shouldKeepMessagesThatNameTheApisOwnPathsRouterCommandsAndHosts() {
    for (String message : List.of(
        "command must be a RouterOS path like /ip/hotspot/user/print, was '/system/reboot'",
        "/api/execute runs read commands only (print, get, getall); changes go through the typed endpoints, was 'add'",
        "no such endpoint: GET /api/openapi.yaml",
        "state must be one of pending, created, failed, revoked",
        "unknown router 'nope'; configured routers: [default]",
        "router default at router.example.com:8728 unreachable: connection refused",
        "price must be a decimal number, was '12.5.0'",
        "the body is not valid JSON: Unexpected character ('}' (code 125)): expected a value")) {
      ErrorResponse e = ErrorMapper.map(new IllegalArgumentException(message));
      assertThat(e.message()).as(message).isEqualTo(message);
      assertThat(e.reference()).isNull();
    }
    assertThat(log.toString()).as("refusals of a client's request are not logged").isEmpty();
  }

  @Test
  void shouldHideAFieldMessageThatShowsInternalDetails() {
    ErrorResponse e = ErrorMapper.map(new ValidationException("createHotspotUser", List.of(
        new FieldError("profile", "format", "profile: java.lang.IllegalStateException: lookup failed"),
        new FieldError("username", "length", "username must be 3 to 32 characters"))));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.toJson().toString()).doesNotContain("java.lang").doesNotContain("IllegalStateException")
        .contains("username must be 3 to 32 characters").contains("profile is not in the documented form");
    assertThat(e.reference()).isNotNull();
  }

  @Test
  void shouldAnswerAnUnexpectedFailureWithAReferenceAndLogItsStackTraceUnderIt() {
    ErrorResponse e = ErrorMapper.map(new RuntimeCamelException(new CompletionException(
        new NullPointerException("Cannot invoke \"io.mikrobill.persistence.Voucher.code()\" because \"v\" is null"))));

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.message()).isEqualTo("internal error; see the server log under reference " + e.reference());
    assertThat(e.toJson().toString()).doesNotContain("io.mikrobill").doesNotContain("NullPointerException");
    assertThat(log.toString()).startsWith("ERROR http error reference=" + e.reference())
        .contains("java.lang.NullPointerException").contains("\tat ");
  }

  @Test
  void shouldGiveTheSameReferenceWhenTheSameFailureIsMappedAgain() {
    IllegalStateException failure = new IllegalStateException("broken");
    ErrorResponse first = ErrorMapper.map(failure);
    ErrorResponse again = ErrorMapper.fromResult(ApplyResult.refused(ApplyResult.Kind.UNKNOWN, "internal", "internal", failure));

    assertThat(again.reference()).isEqualTo(first.reference());
    assertThat(log.toString().lines().filter(l -> l.startsWith("ERROR"))).hasSize(1);
  }

  @Test
  void shouldAnswerValuesRefusedBeforeTheDatabaseAndUnparsableNumbersAs400() {
    ErrorResponse page = ErrorMapper.map(new InvalidValueException("limit must be between 1 and 1000, was -1"));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.message()).isEqualTo("limit must be between 1 and 1000, was -1");

    ErrorResponse number = ErrorMapper.map(new NumberFormatException("For input string: \"abc\""));
    assertThat(number.status()).isEqualTo(400);
    assertThat(number.message()).isEqualTo("the body or a parameter is not in the documented form");
  }

  @Test
  void shouldPassTheFallbacksAnswersThroughTheSameRule() {
    ErrorResponse e = ErrorMapper.disclosed(new ErrorResponse(404, "not-found", "no such endpoint: GET /etc/passwd", "low",
        List.of(), null, null), null);

    assertThat(e.message()).doesNotContain("/etc/passwd").contains(e.reference());
  }
}
