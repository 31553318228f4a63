package io.mikrobill.bench;

import io.mikrobill.routeros.client.ClientOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The command line of {@code bench}. */
record BenchArguments(
    ClientOptions client, int commands, int concurrency, int connections, List<String> command, String mode,
    String workload, int maxInFlight, int warmup, boolean help) {

  static final String USAGE =
      """
      usage: mikrobill.jar bench [--host H --port P --user U --password W] [--router-url URI]
                                 --commands N --concurrency C --connections K [--command WORDS]
                                 [--mode pooled|connect-per-command] [--workload simple|read-heavy]
                                 [--max-in-flight M] [--warmup N]

        Measures commands per second and latency against a router (or the simulator) and prints
        one JSON object: {"ops":..,"seconds":..,"opsPerSec":..,"p50Ms":..,"p99Ms":..,"errors":..}.

        --router-url URI    api://USER:PASSWORD@HOST:PORT (or api-ssl://), instead of the four options
        --commands N        commands to measure (default 10000)
        --concurrency C     commands kept in flight at once (default 100)
        --connections K     pooled connections (default 1)
        --command WORDS     the sentence, space-separated (default /system/identity/print)
        --mode M            pooled (default): K connections, commands pipelined by tag;
                            connect-per-command: connect, log in, run one command, close
                            (how PHPNuxBill works), C at a time
        --workload W        simple (default): the command above; read-heavy: 90% cached prints of
                            hot menus, 10% writes, counting cache hits and stale reads
        --max-in-flight M   commands in flight per connection in the pool (default 1000)
        --warmup N          commands run first and not measured (default 1000)
      Defaults for the router come from MIKROTIK_HOST, MIKROTIK_PORT, MIKROTIK_USERNAME, MIKROTIK_PASSWORD.""";

  static BenchArguments parse(String[] args, Map<String, String> env) {
    String host = env.getOrDefault("MIKROTIK_HOST", "127.0.0.1");
    String port = env.get("MIKROTIK_PORT");
    String user = env.getOrDefault("MIKROTIK_USERNAME", "admin");
    String password = env.getOrDefault("MIKROTIK_PASSWORD", "");
    boolean tls = false;
    int commands = 10_000;
    int concurrency = 100;
    int connections = 1;
    int maxInFlight = 1000;
    int warmup = 1000;
    String command = "/system/identity/print";
    String mode = "pooled";
    String workload = "simple";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help" -> {
          return new BenchArguments(null, 0, 0, 0, null, null, null, 0, 0, true);
        }
        case "--host" -> host = value(args, ++i, a);
        case "--port" -> port = value(args, ++i, a);
        case "--user" -> user = value(args, ++i, a);
        case "--password" -> password = value(args, ++i, a);
        case "--tls" -> tls = true;
        case "--router-url" -> {
          URI uri = URI.create(value(args, ++i, a));
          if (!"api".equals(uri.getScheme()) && !"api-ssl".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--router-url must be api://USER:PASSWORD@HOST:PORT or api-ssl://..., was '" + uri + "'");
          }
          tls = "api-ssl".equals(uri.getScheme());
          host = uri.getHost();
          if (uri.getPort() > 0) {
            port = String.valueOf(uri.getPort());
          }
          if (uri.getRawUserInfo() != null) {
            String[] ui = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(ui[0], StandardCharsets.UTF_8);
            password = ui.length > 1 ? URLDecoder.decode(ui[1], StandardCharsets.UTF_8) : "";
          }
        }
        case "--commands" -> commands = positive(value(args, ++i, a), a);
        case "--concurrency" -> concurrency = positive(value(args, ++i, a), a);
        case "--connections" -> connections = positive(value(args, ++i, a), a);
        case "--max-in-flight" -> maxInFlight = positive(value(args, ++i, a), a);
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
        case "--command" -> command = value(args, ++i, a);
        case "--mode" -> mode = value(args, ++i, a);
        case "--workload" -> workload = value(args, ++i, a);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (!mode.equals("pooled") && !mode.equals("connect-per-command")) {
      throw new IllegalArgumentException("--mode must be pooled or connect-per-command, was '" + mode + "'");
    }
    if (!workload.equals("simple") && !workload.equals("read-heavy")) {
      throw new IllegalArgumentException("--workload must be simple or read-heavy, was '" + workload + "'");
    }
    ClientOptions.Builder b = ClientOptions.builder().name("bench").host(host).username(user).password(password)
        .tls(tls).tlsTrustAll(tls).commandTimeout(Duration.ofSeconds(60));
    if (port != null) {
      b.port(positive(port, "--port"));
    }
    List<String> words = Arrays.asList(command.trim().split("\\s+"));
    if (!words.get(0).startsWith("/")) {
      throw new IllegalArgumentException("--command must start with a path such as /system/identity/print, was '" + command + "'");
    }
    return new BenchArguments(b.build(), commands, concurrency, connections, words, mode, workload, maxInFlight, warmup, false);
  }

  private static String value(String[] args, int i, String opt) {
    if (i >= args.length) {
      throw new IllegalArgumentException(opt + " needs a value");
    }
    return args[i];
  }

  private static int positive(String v, String opt) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) {
        throw new IllegalArgumentException(opt + " must be at least 1, was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " must be a whole number, was '" + v + "'");
    }
  }
}
