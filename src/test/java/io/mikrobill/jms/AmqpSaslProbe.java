package io.mikrobill.jms;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough AMQP 1.0 to try a SASL login over a socket (no AMQP client library is on the test
 * classpath): the SASL protocol header, the server's sasl-mechanisms, one sasl-init, and the
 * sasl-outcome's code (0 ok, 1 auth failed, 2 sys, 3 sys-perm, 4 sys-temp).
 */
final class AmqpSaslProbe implements AutoCloseable {

  static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
  private static final int SASL_MECHANISMS = 0x40;
  private static final int SASL_INIT = 0x41;
  private static final int SASL_OUTCOME = 0x44;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  AmqpSaslProbe(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends the SASL header; returns the mechanisms the server offers. */
  List<String> mechanisms() throws IOException {
    out.write(SASL_HEADER);
    out.flush();
    byte[] header = new byte[8];
    in.readFully(header);
    if (header[4] != 3) {
      throw new IOException("the server answered protocol id " + header[4] + ", not SASL (3)");
    }
    ByteBuffer body = readFrame(SASL_MECHANISMS);
    return symbols(body);
  }

  /** Sends sasl-init with {@code mechanism} and {@code initialResponse}; returns the outcome's code. */
  int login(String mechanism, byte[] initialResponse) throws IOException {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    byte[] mech = mechanism.getBytes(StandardCharsets.US_ASCII);
    fields.write(0xA3); // sym8
    fields.write(mech.length);
    fields.write(mech);
    if (initialResponse == null) {
      fields.write(0x40); // null
    } else {
      fields.write(0xB0); // vbin32
      fields.write(ByteBuffer.allocate(4).putInt(initialResponse.length).array());
      fields.write(initialResponse);
    }
    fields.write(0x40); // hostname: null
    ByteArrayOutputStream performative = new ByteArrayOutputStream();
    performative.write(new byte[] {0x00, 0x53, SASL_INIT, (byte) 0xD0}); // described list32
    performative.write(ByteBuffer.allocate(4).putInt(fields.size() + 4).array());
    performative.write(ByteBuffer.allocate(4).putInt(3).array());
    performative.write(fields.toByteArray());
    byte[] bytes = performative.toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(8 + bytes.length);
    frame.putInt(8 + bytes.length).put((byte) 2).put((byte) 1).putShort((short) 0).put(bytes);
    out.write(frame.array());
    out.flush();
    ByteBuffer outcome = readFrame(SASL_OUTCOME);
    int list = outcome.get() & 0xFF;
    if (list == 0xC0) {
      outcome.get();
      outcome.get();
    } else if (list == 0xD0) {
      outcome.getInt();
      outcome.getInt();
    } else {
      throw new IOException("unexpected sasl-outcome encoding 0x" + Integer.toHexString(list));
    }
    int type = outcome.get() & 0xFF;
    if (type != 0x50) {
      throw new IOException("unexpected sasl-outcome code encoding 0x" + Integer.toHexString(type));
    }
    return outcome.get() & 0xFF;
  }

  /** PLAIN's initial response: authzid NUL authcid NUL password. */
  static byte[] plain(String user, String password) {
    return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads one SASL frame and returns its body after the descriptor, which must be {@code code}. */
  private ByteBuffer readFrame(int code) throws IOException {
    int size = in.readInt();
    int doff = in.readUnsignedByte();
    int type = in.readUnsignedByte();
    in.readUnsignedShort();
    in.skipNBytes(doff * 4L - 8);
    byte[] body = new byte[size - doff * 4];
    in.readFully(body);
    if (type != 1) {
      throw new IOException("frame type " + type + " is not SASL");
    }
    ByteBuffer b = ByteBuffer.wrap(body);
    int constructor = b.get() & 0xFF;
    int descriptorType = b.get() & 0xFF;
    int descriptor = descriptorType == 0x53 ? b.get() & 0xFF : (int) b.getLong();
    if (constructor != 0 || descriptor != code) {
      throw new IOException("expected SASL performative 0x" + Integer.toHexString(code) + ", got 0x" + Integer.toHexString(descriptor));
    }
    return b;
  }

  /** Every symbol in what is left of {@code b} (sym8 and sym32, in arrays or alone). */
  private static List<String> symbols(ByteBuffer b) {
    List<String> found = new ArrayList<>();
    byte[] rest = new byte[b.remaining()];
    b.get(rest);
    String text = new String(rest, StandardCharsets.ISO_8859_1);
    for (String candidate : List.of("ANONYMOUS", "PLAIN", "EXTERNAL", "GSSAPI", "SCRAM-SHA-256", "SCRAM-SHA-512", "CRAM-MD5")) {
      if (text.contains(candidate)) {
        found.add(candidate);
      }
    }
    return found;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
