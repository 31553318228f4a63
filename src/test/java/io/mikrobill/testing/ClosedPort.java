package io.mikrobill.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open: a socket is bound to it
 * but never listens. Better than the port of a server the test closed, which the kernel may hand
 * to another process's listener, or to the client's own outgoing socket (a TCP self-connect that
 * then "succeeds"), while builds run side by side.
 */
public final class ClosedPort implements AutoCloseable {

  private final Socket holder = new Socket();

  public ClosedPort() throws IOException {
    holder.setReuseAddress(false);
    holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public int port() {
    return holder.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    holder.close();
  }
}
