package io.mikrobill.routeros.simulator;

import static io.mikrobill.routeros.simulator.SimulatorFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mikrobill.routeros.client.RouterOsConnection;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatorCommandTest {

  @Test
  void shouldPrintWhereItListensAndServeUntilStopped() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SimulatorCommand.run(
        new String[] {"--port", "0", "--api-ssl-port", "0", "--password", "cli", "--version", "6.49", "--seed-users", "5"},
        ps, ps, stop));
    await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).contains("simulator listening"));
    String line = out.toString(StandardCharsets.UTF_8).trim();
    assertThat(line).matches("simulator listening api=127\\.0\\.0\\.1:\\d+ api-ssl=127\\.0\\.0\\.1:\\d+ version=6\\.49 user=admin");
    Matcher m = Pattern.compile("api=127\\.0\\.0\\.1:(\\d+)").matcher(line);
    assertThat(m.find()).isTrue();
    try (SimulatorFixture f = SimulatorFixture.start()) {
      RouterOsConnection c = f.connectAsync(f.clientOptions().port(Integer.parseInt(m.group(1))).password("cli").build()).join();
      assertThat(run(c, "/ip/hotspot/user/print", "=count-only=").ret()).isEqualTo("5");
    }
    stop.countDown();
    assertThat(exit.orTimeout(10, TimeUnit.SECONDS).join()).isZero();
  }

  @Test
  void shouldPrintHelpAndRefuseBadArgumentsByName() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertThat(SimulatorCommand.run(new String[] {"--help"}, ps, ps, new CountDownLatch(0))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--faults SPEC", "--control-port");
    out.reset();
    assertThat(SimulatorCommand.run(new String[] {"--version", "5.0"}, ps, ps, new CountDownLatch(0))).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("'5.0'");
    assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--faults", "drop-rate=2"}))
        .hasMessageContaining("drop-rate").hasMessageContaining("2");
    assertThatThrownBy(() -> SimulatorOptions.builder().maxSessions(0)).hasMessageContaining("max-sessions").hasMessageContaining("0");
  }

  @Test
  void shouldServeApiSslWithItsOwnCertificate() {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().apiSslPort(0))) {
      RouterOsConnection c = f.connectAsync(f.clientOptions().port(f.sim.apiSslPort()).tls(true).tlsTrustAll(true).build())
          .orTimeout(10, TimeUnit.SECONDS).join();
      assertThat(run(c, "/system/identity/print").records().get(0)).containsEntry("name", "MikroTik");
    }
  }

  @Test
  void shouldChangeFaultsAndRestartThroughTheControlPort() throws Exception {
    try (SimulatorFixture f = new SimulatorFixture(SimulatorOptions.forTests().controlPort(0));
        Socket s = new Socket("127.0.0.1", f.sim.controlPort())) {
      s.setSoTimeout(5000);
      PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
      BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      RouterOsConnection c = f.connect();
      w.println("state");
      assertThat(r.readLine()).startsWith("ok connections=1 ");
      w.println("faults seed=3,refuse-login=true");
      assertThat(r.readLine()).startsWith("ok faults seed=3");
      assertThatThrownBy(f::connect).hasMessageContaining("invalid user name or password");
      w.println("fault refuse-login=false");
      assertThat(r.readLine()).contains("refuse-login=false");
      w.println("fault bogus=1");
      assertThat(r.readLine()).startsWith("error unknown fault 'bogus'");
      w.println("restart");
      assertThat(r.readLine()).isEqualTo("ok restarted");
      c.closeFuture().orTimeout(5, TimeUnit.SECONDS).join();
      assertThat(f.sim.restarts()).isEqualTo(1);
      w.println("quit");
      assertThat(r.readLine()).isEqualTo("ok bye");
    }
  }
}
