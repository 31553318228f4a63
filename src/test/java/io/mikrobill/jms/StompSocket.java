package io.mikrobill.jms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a legacy system has: a TCP socket and hand-written STOMP 1.2 frames. No client library, so
 * the tests show that nothing else is needed to hand a request to the broker.
 */
final class StompSocket implements AutoCloseable {

  /** A received frame: command, headers, body. */
  record Frame(String command, Map<String, String> headers, String body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  StompSocket(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000); // every read is bounded
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  Frame connect(String... loginAndPasscode) throws IOException {
    StringBuilder frame = new StringBuilder("CONNECT\naccept-version:1.2\nhost:localhost\n");
    if (loginAndPasscode.length == 2) {
      frame.append("login:").append(loginAndPasscode[0]).append("\npasscode:").append(loginAndPasscode[1]).append('\n');
    }
    write(frame.append('\n').toString());
    return read();
  }

  /** Sends a JSON body without content-length (a text message) and waits for the receipt. */
  Frame sendJson(String destination, String json, String receipt) throws IOException {
    write("SEND\ndestination:" + destination + "\ncontent-type:application/json\nreceipt:" + receipt + "\n\n" + json);
    return read();
  }

  void subscribe(String destination) throws IOException {
    write("SUBSCRIBE\nid:0\ndestination:" + destination + "\nack:auto\n\n");
  }

  Frame read() throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    int b = in.read();
    while (b == '\n' || b == '\r') { // heart-beats between frames
      b = in.read();
    }
    while (b != 0) {
      if (b < 0) {
        throw new IOException("connection closed mid-frame after " + frame.size() + " bytes: " + frame);
      }
      frame.write(b);
      b = in.read();
    }
    return parse(frame.toString(StandardCharsets.UTF_8));
  }

  private static Frame parse(String text) {
    int bodyStart = text.indexOf("\n\n");
    String head = bodyStart < 0 ? text : text.substring(0, bodyStart);
    String body = bodyStart < 0 ? "" : text.substring(bodyStart + 2);
    String[] lines = head.split("\r?\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
    }
    return new Frame(lines[0], headers, body);
  }

  private void write(String frame) throws IOException {
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
