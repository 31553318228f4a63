package io.mikrobill.routeros.simulator;

import io.mikrobill.routeros.protocol.SentenceDecoder;
import io.mikrobill.routeros.transport.SentenceFrameDecoder;
import io.mikrobill.routeros.transport.SentenceFrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;

/**
 * The listeners of the simulated router: API (plain TCP) and API-SSL (TLS with the simulator's
 * self-signed certificate, {@value #KEYSTORE} in the jar, PKCS12, password {@value
 * #KEYSTORE_PASSWORD}; clients must trust it explicitly, for example with {@code tlsTrustAll}).
 * Both use the protocol layer's codec; each connection gets its own {@link ApiSession}.
 */
final class ApiServer {

  static final String KEYSTORE = "simulator-keystore.p12";
  static final String KEYSTORE_PASSWORD = "mikrobill-simulator";

  private final SimulatedRouter router;
  private final EventLoopGroup group;
  private final AtomicLong connectionIds = new AtomicLong();

  ApiServer(SimulatedRouter router, EventLoopGroup group) {
    this.router = router;
    this.group = group;
  }

  /** Binds a listener; {@code tls} adds TLS in front of the codec. */
  Channel bind(String host, int port, boolean tls) throws InterruptedException {
    SslContext ssl = tls ? serverTls() : null;
    String service = tls ? "api-ssl" : "api";
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (ssl != null) {
              ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
            }
            ch.pipeline()
                .addLast("decoder", new SentenceFrameDecoder(SentenceDecoder.DEFAULT_MAX_WORD_SIZE))
                .addLast("encoder", SentenceFrameEncoder.INSTANCE)
                .addLast("session", new ApiSession(router, service + "-conn=" + connectionIds.incrementAndGet()));
          }
        });
    return b.bind(new InetSocketAddress(host, port)).sync().channel();
  }

  static int portOf(Channel ch) {
    return ((InetSocketAddress) ch.localAddress()).getPort();
  }

  private static SslContext serverTls() {
    try (InputStream in = ApiServer.class.getResourceAsStream(KEYSTORE)) {
      if (in == null) {
        throw new IllegalStateException("simulator keystore " + KEYSTORE + " is missing from the classpath");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, KEYSTORE_PASSWORD.toCharArray());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, KEYSTORE_PASSWORD.toCharArray());
      return SslContextBuilder.forServer(kmf).build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the simulator's TLS keystore: " + e.getMessage(), e);
    }
  }
}
