package io.mikrobill.routeros.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * TLS for API-SSL (8729). A router without a certificate offers only anonymous Diffie-Hellman
 * suites, which the JDK disables (jdk.tls.disabledAlgorithms); give the router a certificate.
 * Self-signed certificates work with {@code tlsTrustAll}, at the cost of trusting whoever answers.
 */
final class TlsContexts {

  private TlsContexts() {}

  static SslContext client(ClientOptions options) throws SSLException {
    SslContextBuilder b = SslContextBuilder.forClient();
    if (options.tlsTrustAll()) {
      b.trustManager(InsecureTrustManagerFactory.INSTANCE);
    }
    return b.build();
  }
}
