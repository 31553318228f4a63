package io.mikrobill.cli;

import io.mikrobill.routeros.client.ClientOptions;
import io.mikrobill.routeros.protocol.Command;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** The command line of {@code ros}, with defaults from the application's environment variables. */
record RosArguments(ClientOptions options, Duration timeout, Command command, boolean help) {

  static final String USAGE =
      """
      usage: mikrobill.jar ros [--host H] [--port P] [--user U] [--password W] [--tls] [--tls-trust-all]
                               [--timeout-ms N] [--charset C] [COMMAND [WORD...]]

        Sends RouterOS API sentences and prints one JSON object per reply sentence:
          {"cmd":0,"type":"re","attrs":{".id":"*1","name":"alice"}}
        With COMMAND, sends that one sentence, e.g.
          ros /ip/hotspot/user/print ?name=alice =.proplist=name,profile
        Without, reads one JSON array of words per line from standard input, e.g.
          ["/ip/hotspot/user/add","=name=a","=password=b"]
        and sends them all at once on one connection, each with its own tag.

      options (defaults from the environment):
        --host H          router address            (MIKROTIK_HOST, else 127.0.0.1)
        --port P          API port                  (MIKROTIK_PORT, else 8728, or 8729 with --tls)
        --user U          user name                 (MIKROTIK_USERNAME, else admin)
        --password W      password                  (MIKROTIK_PASSWORD, else empty)
        --tls             use API-SSL
        --tls-trust-all   accept any certificate (self-signed routers)
        --timeout-ms N    per-command timeout        (MIKROTIK_TIMEOUT, else 30000)
        --charset C       charset of the router's text (UTF-8; words that are not valid
                          in it are read as windows-1252)

      exit status: 0 every command ended in !done without !trap; 2 a command got !trap;
        3 connecting or logging in failed; 4 !fatal, protocol error or connection lost;
        5 a command timed out; 64 bad command line or input.""";

  static RosArguments parse(String[] args, Map<String, String> env) {
    ClientOptions.Builder b = ClientOptions.builder().name("ros");
    String host = env.getOrDefault("MIKROTIK_HOST", "127.0.0.1");
    String port = env.get("MIKROTIK_PORT");
    String user = env.getOrDefault("MIKROTIK_USERNAME", ClientOptions.DEFAULT_USERNAME);
    String password = env.getOrDefault("MIKROTIK_PASSWORD", "");
    String timeout = env.getOrDefault("MIKROTIK_TIMEOUT", "30000");
    boolean tls = false;
    boolean trustAll = false;
    String charset = null;
    int i = 0;
    while (i < args.length && args[i].startsWith("--")) {
      String opt = args[i];
      switch (opt) {
        case "--help" -> {
          return new RosArguments(null, null, null, true);
        }
        case "--tls" -> tls = true;
        case "--tls-trust-all" -> trustAll = true;
        case "--host" -> host = value(args, ++i, opt);
        case "--port" -> port = value(args, ++i, opt);
        case "--user" -> user = value(args, ++i, opt);
        case "--password" -> password = value(args, ++i, opt);
        case "--timeout-ms" -> timeout = value(args, ++i, opt);
        case "--charset" -> charset = value(args, ++i, opt);
        default -> throw new IllegalArgumentException("unknown option " + opt);
      }
      i++;
    }
    b.host(host).username(user).password(password).tls(tls).tlsTrustAll(trustAll);
    if (port != null && !port.isBlank()) {
      b.port(number(port, "port"));
    }
    long timeoutMs = number(timeout, "timeout-ms");
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("--timeout-ms must be positive, was " + timeoutMs);
    }
    b.commandTimeout(Duration.ofMillis(timeoutMs));
    if (charset != null) {
      try {
        b.charset(Charset.forName(charset));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("unknown charset '" + charset + "'");
      }
    }
    Command command = null;
    if (i < args.length) {
      String path = args[i];
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a command starts with '/', was '" + path + "'");
      }
      command = new Command(path, Arrays.asList(Arrays.copyOfRange(args, i + 1, args.length)));
    }
    return new RosArguments(b.build(), Duration.ofMillis(timeoutMs), command, false);
  }

  private static String value(String[] args, int i, String opt) {
    if (i >= args.length) {
      throw new IllegalArgumentException(opt + " needs a value");
    }
    return args[i];
  }

  private static int number(String v, String what) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a whole number, was '" + v + "'");
    }
  }
}
