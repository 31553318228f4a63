package io.mikrobill.testing;

import io.mikrobill.routeros.protocol.LoginChallenge;
import io.mikrobill.routeros.protocol.SentenceDecoder;
import io.mikrobill.routeros.protocol.SentenceEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted peer for client tests: it speaks the API framing with the project's codec, handles
 * the login itself (plain or MD5 challenge), and hands every later sentence to a script that
 * answers with replies captured from real routers, in whatever order the test wants.
 */
public final class ScriptedRouter implements AutoCloseable {

  /** Answers sentences after login. Runs on the connection's thread. */
  @FunctionalInterface
  public interface Script {
    void onSentence(List<String> words, Peer peer) throws IOException;
  }

  /** The client side of one connection, as the script sees it. */
  public static final class Peer {
    private final OutputStream out;
    final List<List<String>> received = new CopyOnWriteArrayList<>();

    Peer(OutputStream out) {
      this.out = out;
    }

    /** Sends one sentence made of these words. */
    public synchronized void send(String... words) throws IOException {
      List<byte[]> w = new ArrayList<>();
      for (String s : words) {
        w.add(s.getBytes(StandardCharsets.UTF_8));
      }
      out.write(SentenceEncoder.encode(w));
      out.flush();
    }

    /** Sends raw bytes, for framing errors. */
    public synchronized void sendRaw(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }
  }

  public enum Login {
    PLAIN,
    MD5_CHALLENGE,
    REFUSE
  }

  private final ServerSocket server;
  private final Login login;
  private final String password;
  private final Script script;
  private final List<List<String>> received = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public ScriptedRouter(Login login, String password, Script script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.login = login;
    this.password = password;
    this.script = script;
    this.acceptor = new Thread(this::acceptLoop, "scripted-router-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every sentence received after login, from every connection, in arrival order. */
  public List<List<String>> received() {
    return received;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "scripted-router-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      Peer peer = new Peer(socket.getOutputStream());
      SentenceDecoder decoder = new SentenceDecoder();
      boolean[] loggedIn = {false};
      String challenge = "abc123abc123abc123abc123abc123ab";
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        List<List<String>> sentences = new ArrayList<>();
        decoder.feed(buf, 0, n, words -> {
          List<String> text = new ArrayList<>();
          words.forEach(w -> text.add(new String(w, StandardCharsets.UTF_8)));
          sentences.add(text);
        });
        for (List<String> words : sentences) {
          if (!loggedIn[0]) {
            loggedIn[0] = handleLogin(words, peer, challenge);
            continue;
          }
          received.add(words);
          script.onSentence(words, peer);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, or the test closed us
    }
  }

  private boolean handleLogin(List<String> words, Peer peer, String challenge) throws IOException {
    if (!words.get(0).equals("/login")) {
      peer.send("!fatal", "not logged in");
      return false;
    }
    String response = value(words, "response");
    switch (login) {
      case REFUSE -> {
        peer.send("!trap", "=message=invalid user name or password (6)");
        peer.send("!done");
        return false;
      }
      case PLAIN -> {
        if (password.equals(value(words, "password"))) {
          peer.send("!done");
          return true;
        }
        peer.send("!trap", "=message=invalid user name or password (6)");
        peer.send("!done");
        return false;
      }
      default -> {
        if (response == null) {
          peer.send("!done", "=ret=" + challenge);
          return false;
        }
        String expected = LoginChallenge.response(password.getBytes(StandardCharsets.UTF_8), challenge);
        if (expected.equals(response)) {
          peer.send("!done");
          return true;
        }
        peer.send("!trap", "=message=cannot log in");
        peer.send("!done");
        return false;
      }
    }
  }

  /** The value of {@code =name=} in a sentence, or null. */
  public static String value(List<String> words, String name) {
    String prefix = "=" + name + "=";
    for (String w : words) {
      if (w.startsWith(prefix)) {
        return w.substring(prefix.length());
      }
    }
    return null;
  }

  /** The value of {@code .tag=} in a sentence, or null. */
  public static String tag(List<String> words) {
    for (String w : words) {
      if (w.startsWith(".tag=")) {
        return w.substring(5);
      }
    }
    return null;
  }

  /** Closes every client connection, as a router that reboots would. */
  public void dropConnections() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropConnections();
  }
}
