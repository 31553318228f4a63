package io.mikrobill.pipeline;

import io.mikrobill.MikroBillTestAccess;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The assembled application as users run it: the repository's routes/ and kamelets/ copied into a
 * fresh folder, its own database and broker data there, free loopback ports, and a simulator as
 * the router so tests can read the router's state.
 */
final class RunningPipeline implements AutoCloseable {

  /** The password of the admin that reads the dead-letter queue (the only role that may). */
  private static final String ADMIN_PASSWORD = "drill-admin-pass";
  private static final String DLQ_SUFFIX = ".DLQ";

  final Path home;
  final RouterOsSimulator sim;
  private final boolean ownsSimulator;
  final int httpPort;
  final int brokerPort;
  private final Path dataDir;
  private final MikroBillTestAccess.Started app;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RunningPipeline(Path home, Map<String, String> extraEnv) throws Exception {
    this(home, extraEnv, null);
  }

  /** A second instance shares {@code router}: the same simulated router as another pipeline. */
  RunningPipeline(Path home, Map<String, String> extraEnv, RouterOsSimulator router) throws Exception {
    this.home = home;
    this.ownsSimulator = router == null;
    copyTree(Path.of("routes"), home.resolve("routes"));
    copyTree(Path.of("kamelets"), home.resolve("kamelets"));
    Files.copy(Path.of("profiles.json"), home.resolve("profiles.json"));
    if (router == null) {
      sim = new RouterOsSimulator(SimulatorOptions.forTests().password("pw").build());
      sim.start();
    } else {
      sim = router;
    }
    httpPort = extraEnv.containsKey("PORT") ? Integer.parseInt(extraEnv.get("PORT")) : freePort();
    brokerPort = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("MIKROTIK_HOST", "127.0.0.1");
    env.put("MIKROTIK_PORT", String.valueOf(sim.port()));
    env.put("MIKROTIK_PASSWORD", "pw");
    env.put("MIKROTIK_TIMEOUT", "5000");
    env.put("PORT", String.valueOf(httpPort));
    env.put("BROKER_PORT", String.valueOf(brokerPort));
    env.put("JMS_REDELIVERY_DELAY", "50");
    env.put("JMS_MAX_REDELIVERIES", "1");
    env.put("METRICS_POLL_INTERVAL", "500");
    // Tests send thousands of requests with one key: no per-principal limit unless a test sets one.
    env.put("API_RATE_LIMIT", "0");
    env.putAll(extraEnv);
    dataDir = home.resolve(env.getOrDefault("DATA_DIR", "data"));
    app = MikroBillTestAccess.start(home, env);
    String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    adminKey = key("test-admin-" + suffix, "admin");
    // The broker lets in MikroBill's principals: a billing key sends, an admin reads dead letters.
    sender = "shop-" + suffix;
    senderKey = key(sender, "billing");
    dlqReader = "drill-admin-" + suffix;
    principals().createPerson(dlqReader, io.mikrobill.security.Role.ADMIN, ADMIN_PASSWORD);
  }

  /** The broker login of the STOMP and JMS senders of these tests: a billing key. */
  final String sender;
  final String senderKey;
  private final String dlqReader;

  /** The admin API key every request of this helper sends unless its headers name an Authorization (empty: none). */
  final String adminKey;

  /** Creates an API key of {@code role} in the running application, as an admin would, and returns it. */
  String key(String name, String role) {
    return app.context().getRegistry().lookupByNameAndType("principals", io.mikrobill.security.PrincipalDirectory.class)
        .createKey(name, io.mikrobill.security.Role.parse(role), java.util.Set.of());
  }

  /** The application's principals, for tests that create people or keys. */
  io.mikrobill.security.PrincipalDirectory principals() {
    return app.context().getRegistry().lookupByNameAndType("principals", io.mikrobill.security.PrincipalDirectory.class);
  }

  private void authorize(HttpRequest.Builder b, Map<String, String> headers) {
    String given = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (given == null) {
      b.header("Authorization", "Bearer " + adminKey);
    } else if (!given.isEmpty()) {
      b.header("Authorization", given);
    }
  }

  /** The STOMP login headers of who reads {@code queue}: an admin for a dead-letter queue, else MikroBill's own login. */
  private String readerLogin(String queue) throws IOException {
    if (queue.endsWith(DLQ_SUFFIX)) {
      return login(dlqReader, ADMIN_PASSWORD);
    }
    return login("mikrobill", Files.readString(dataDir.resolve("broker-password")).strip());
  }

  private static String login(String user, String passcode) {
    return "login:" + user + "\npasscode:" + passcode + "\n";
  }

  /** Runs commands on the router directly, as someone outside MikroBill would (one connection, then closed). */
  void onRouter(io.mikrobill.routeros.protocol.Command... commands) throws Exception {
    io.netty.channel.nio.NioEventLoopGroup group = new io.netty.channel.nio.NioEventLoopGroup(1);
    try {
      io.mikrobill.routeros.client.RouterOsConnection c = io.mikrobill.routeros.client.RouterOsConnection.connect(
          io.mikrobill.routeros.client.ClientOptions.builder().host("127.0.0.1").port(sim.port()).password("pw").build(), group)
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      for (io.mikrobill.routeros.protocol.Command command : commands) {
        c.execute(command).get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
      c.close();
    } finally {
      group.shutdownGracefully();
    }
  }

  /** A POST sent while the router has the faults of {@code spec}; they are cleared afterwards. */
  HttpResponse<String> sendWhileRouterFails(String spec, String path, String json, Map<String, String> headers) throws Exception {
    sim.faults().set(spec);
    try {
      return send("POST", path, json, headers);
    } finally {
      sim.faults().clear();
    }
  }

  /** HTTP from another loopback address (127.0.0.2...), as another client machine. */
  Client clientFrom(String localAddress) throws Exception {
    return new Client(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .localAddress(InetAddress.getByName(localAddress)).build());
  }

  /** A client of its own: requests with JSON and a bearer secret. */
  final class Client {
    private final HttpClient client;

    Client(HttpClient client) {
      this.client = client;
    }

    HttpResponse<String> send(String method, String path, String json, String bearer) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(20))
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
      if (json != null) {
        b.header("Content-Type", "application/json");
      }
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** The routes of the running application. */
  List<org.apache.camel.Route> routes() {
    return app.context().getRoutes();
  }

  /** A bean of the running application. */
  <T> T registry(String name, Class<T> type) {
    return app.context().getRegistry().lookupByNameAndType(name, type);
  }

  /** The number of Camel routes of the running application. */
  int routeCount() {
    return app.context().getRoutes().size();
  }

  /** A request with any body and content type (null for none). */
  HttpResponse<String> sendRaw(String method, String path, String body, String contentType, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    authorize(b, headers);
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Authorization")) {
        b.header(k, v);
      }
    });
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    authorize(b, headers);
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Authorization")) {
        b.header(k, v);
      }
    });
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String json) throws Exception {
    return send(method, path, json, Map.of());
  }

  /** Sends a message to a queue as a legacy system would: STOMP frames over a plain socket. */
  void stompSend(String queue, String body, Map<String, String> headers) throws IOException {
    stompSendAs(sender, senderKey, queue, body, headers);
  }

  /** The same, logged in to the broker as {@code user} with {@code passcode} (a key's name and the key). */
  void stompSendAs(String user, String passcode, String queue, String body, Map<String, String> headers) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), brokerPort)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      frame(out, "CONNECT\naccept-version:1.2\nhost:localhost\n" + login(user, passcode) + "\n");
      readFrame(in);
      StringBuilder f = new StringBuilder("SEND\ndestination:" + queue + "\ncontent-type:application/json\nreceipt:r1\n");
      headers.forEach((k, v) -> f.append(k).append(':').append(v).append('\n'));
      f.append('\n').append(body);
      frame(out, f.toString());
      String receipt = readFrame(in);
      if (!receipt.startsWith("RECEIPT")) {
        throw new IOException("broker did not confirm the message: " + receipt);
      }
      frame(out, "DISCONNECT\nreceipt:r2\n\n");
      readFrame(in);
    }
  }

  /** Receives one message from a queue over STOMP; returns the whole frame (headers and body). */
  String stompReceive(String queue) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), brokerPort)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      frame(out, "CONNECT\naccept-version:1.2\nhost:localhost\n" + readerLogin(queue) + "\n");
      readFrame(in);
      frame(out, "SUBSCRIBE\nid:1\ndestination:" + queue + "\nack:auto\n\n");
      return readFrame(in);
    }
  }

  /**
   * Sends many messages to a queue over one STOMP connection, each with a receipt, {@code batch}
   * frames written before their receipts are read: as a legacy system with a backlog would.
   */
  void stompSendAll(String queue, List<String> bodies, int batch) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), brokerPort)) {
      s.setSoTimeout(30_000);
      OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      frame(out, "CONNECT\naccept-version:1.2\nhost:localhost\n" + login(sender, senderKey) + "\n");
      readFrame(in);
      for (int from = 0; from < bodies.size(); from += batch) {
        int to = Math.min(bodies.size(), from + batch);
        for (int i = from; i < to; i++) {
          out.write(("SEND\ndestination:" + queue + "\ncontent-type:application/json\nreceipt:m" + i + "\n\n" + bodies.get(i))
              .getBytes(StandardCharsets.UTF_8));
          out.write(0);
        }
        out.flush();
        for (int i = from; i < to; i++) {
          String receipt = readFrame(in);
          if (!receipt.startsWith("RECEIPT")) {
            throw new IOException("broker did not confirm message " + i + ": " + receipt);
          }
        }
      }
      frame(out, "DISCONNECT\nreceipt:bye\n\n");
      readFrame(in);
    }
  }

  /** A STOMP subscription that collects every message of a queue (auto-acknowledged) until closed. */
  StompCollector stompCollect(String queue) throws IOException {
    return new StompCollector(brokerPort, queue, readerLogin(queue));
  }

  /** The messages of one queue as they arrive: headers (unescaped) and body of each. */
  static final class StompCollector implements AutoCloseable {
    record Message(Map<String, String> headers, String body) {}

    private final Socket socket;
    private final List<Message> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> others = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    StompCollector(int port, String queue, String login) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      // The subscription may be quiet for longer than the broker's connection TTL (60 s): it
      // promises heart-beats and sends one every 2 s, so the broker never closes it as dead.
      frame(out, "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:5000,0\n" + login + "\n");
      socket.setSoTimeout(10_000);
      readFrame(in);
      socket.setSoTimeout(500);
      // No consumer window: the broker's default STOMP credits can leave an auto-acknowledged
      // subscriber without further messages.
      frame(out, "SUBSCRIBE\nid:1\ndestination:" + queue + "\nack:auto\nconsumer-window-size:-1\n\n");
      reader = Thread.ofPlatform().daemon().name("stomp-collector-" + queue).start(() -> read(in, out));
    }

    private void read(InputStream in, OutputStream out) {
      StringBuilder b = new StringBuilder();
      long lastBeat = System.nanoTime();
      while (!closed) {
        try {
          if (System.nanoTime() - lastBeat > 2_000_000_000L) {
            out.write('\n');
            out.flush();
            lastBeat = System.nanoTime();
          }
          int c = in.read();
          if (c < 0) {
            return;
          }
          if (c != 0) {
            b.append((char) c);
            continue;
          }
          String f = b.toString().stripLeading();
          b.setLength(0);
          if (f.startsWith("MESSAGE") && f.contains("\n\n")) {
            messages.add(parse(f));
          } else if (!f.isEmpty()) {
            others.add(f);
          }
        } catch (java.net.SocketTimeoutException quiet) {
          // nothing arrived; keep listening
        } catch (IOException e) {
          return;
        }
      }
    }

    private static Message parse(String f) {
      int end = f.indexOf("\n\n");
      Map<String, String> headers = new HashMap<>();
      for (String line : f.substring(0, end).split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.putIfAbsent(line.substring(0, colon), unescape(line.substring(colon + 1)));
        }
      }
      return new Message(headers, f.substring(end + 2));
    }

    private static String unescape(String v) {
      StringBuilder b = new StringBuilder(v.length());
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length()) {
          char n = v.charAt(++i);
          b.append(n == 'c' ? ':' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }

    List<Message> messages() {
      return List.copyOf(messages);
    }

    /** Frames that were no well-formed MESSAGE (an ERROR from the broker, say): there should be none. */
    List<String> otherFrames() {
      return List.copyOf(others);
    }

    @Override
    public void close() throws Exception {
      closed = true;
      socket.close();
      reader.join(5000);
    }
  }

  private static void frame(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.flush();
  }

  private static String readFrame(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == 0) {
        break;
      }
      b.append((char) c);
    }
    String f = b.toString();
    return f.startsWith("\n") ? f.substring(1) : f;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    app.close();
    if (ownsSimulator) {
      sim.close();
    }
  }
}
