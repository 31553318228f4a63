package io.mikrobill.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made by the JDK's keytool: the
 * PKCS12 keystore, the same key and certificate as PEM files, and a client context trusting it.
 */
public final class TestCertificates {

  public final Path keystore;
  public final String password;
  private final KeyStore store;

  private TestCertificates(Path keystore, String password, KeyStore store) {
    this.keystore = keystore;
    this.password = password;
    this.store = store;
  }

  /** Generates a keystore {@code name}.p12 in {@code folder} with one key ({@code RSA} or {@code EC}). */
  public static TestCertificates generate(Path folder, String name, String keyAlgorithm) throws Exception {
    Path file = folder.resolve(name + ".p12");
    String password = "test-" + name + "-secret";
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "server",
        "-keyalg", keyAlgorithm, "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password, "-keypass", password));
    command.addAll(keyAlgorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance(file.toFile(), password.toCharArray());
    return new TestCertificates(file, password, store);
  }

  /** Writes the certificate as PEM to {@code file}. */
  public Path writeCertificatePem(Path file) throws Exception {
    Certificate cert = store.getCertificate("server");
    Files.writeString(file, pem("CERTIFICATE", cert.getEncoded()));
    return file;
  }

  /** Writes the private key as unencrypted PKCS#8 PEM to {@code file}. */
  public Path writeKeyPem(Path file) throws Exception {
    PrivateKey key = (PrivateKey) store.getKey("server", password.toCharArray());
    Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
    return file;
  }

  /** A client TLS context that trusts this certificate and nothing else. */
  public SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", store.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
