package io.mikrobill.http;

import io.mikrobill.config.SettingsReader;
import io.mikrobill.config.SettingsReader.InvalidSettingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Where and how the HTTP server listens: the address {@code HTTP_BIND} (default {@code 0.0.0.0})
 * and, optionally, HTTPS with the server's key and certificate from a keystore ({@code
 * HTTPS_KEYSTORE}, PKCS12 or JKS, opened with {@code HTTPS_KEYSTORE_PASSWORD}) or from PEM files
 * ({@code HTTPS_CERT}, the chain, and {@code HTTPS_KEY}, an unencrypted PKCS#8 key).
 *
 * <p>Everything is read and checked before the application starts anything, so a wrong path,
 * password or key stops the start with one line naming the variable (never the password). The key
 * and chain are copied into an in-memory keystore with a password of its own, so the operator's
 * password is not handed on (Camel would read "{{" in it as a placeholder).
 */
public final class HttpTransport {

  public static final String BIND = "HTTP_BIND";
  public static final String KEYSTORE = "HTTPS_KEYSTORE";
  public static final String KEYSTORE_PASSWORD = "HTTPS_KEYSTORE_PASSWORD";
  public static final String CERT = "HTTPS_CERT";
  public static final String KEY = "HTTPS_KEY";
  public static final String DEFAULT_BIND = "0.0.0.0";

  private final String host;
  private final SSLContextParameters tls;
  private final X509Certificate certificate;
  private final String source;

  private HttpTransport(String host, SSLContextParameters tls, X509Certificate certificate, String source) {
    this.host = host;
    this.tls = tls;
    this.certificate = certificate;
    this.source = source;
  }

  /** Reads and checks the settings; relative paths are taken from {@code home}. */
  public static HttpTransport from(SettingsReader settings, Path home) {
    String host = bindAddress(settings.text(BIND, DEFAULT_BIND));
    Optional<String> keystore = settings.text(KEYSTORE);
    Optional<String> cert = settings.text(CERT);
    Optional<String> key = settings.text(KEY);
    String password = settings.text(KEYSTORE_PASSWORD).orElse(null);
    if (keystore.isPresent() && (cert.isPresent() || key.isPresent())) {
      throw new InvalidSettingException(KEYSTORE + " and " + CERT + "/" + KEY + " are both set; set either "
          + KEYSTORE + " (with " + KEYSTORE_PASSWORD + ") or " + CERT + " and " + KEY);
    }
    if (keystore.isEmpty() && password != null) {
      throw new InvalidSettingException(KEYSTORE_PASSWORD + " is set but " + KEYSTORE + " is not");
    }
    if (cert.isPresent() != key.isPresent()) {
      throw new InvalidSettingException((cert.isPresent() ? CERT : KEY) + " is set but " + (cert.isPresent() ? KEY : CERT)
          + " is not; HTTPS from PEM files needs both");
    }
    ServerKey serverKey;
    if (keystore.isPresent()) {
      serverKey = fromKeystore(file(KEYSTORE, keystore.get(), home), keystore.get(), password);
    } else if (cert.isPresent()) {
      serverKey = fromPem(file(CERT, cert.get(), home), cert.get(), file(KEY, key.get(), home), key.get());
    } else {
      return new HttpTransport(host, null, null, null);
    }
    return new HttpTransport(host, serverKey.parameters(), serverKey.chain().get(0), keystore.isPresent() ? KEYSTORE : CERT);
  }

  /** The address to listen on, as an IP address. */
  public String host() {
    return host;
  }

  /** The server's TLS parameters, when HTTPS is configured. */
  public Optional<SSLContextParameters> tls() {
    return Optional.ofNullable(tls);
  }

  /** One line for the log: address, scheme and, with HTTPS, whose certificate and until when. */
  public String describe() {
    if (tls == null) {
      return "bind=" + host + " tls=off";
    }
    return "bind=" + host + " tls=on from=" + source + " subject=\"" + certificate.getSubjectX500Principal().getName()
        + "\" notAfter=" + certificate.getNotAfter().toInstant() + (isExpired() ? " EXPIRED" : "");
  }

  /** True when the certificate's validity has ended: clients will refuse it. */
  public boolean isExpired() {
    return certificate != null && certificate.getNotAfter().toInstant().isBefore(Instant.now());
  }

  private static String bindAddress(String raw) {
    InetAddress address;
    try {
      address = InetAddress.getByName(raw);
    } catch (UnknownHostException e) {
      throw new InvalidSettingException(BIND + "=" + raw + " refused: not an address or a name this machine can resolve");
    }
    try {
      if (!address.isAnyLocalAddress() && !address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) == null) {
        throw new InvalidSettingException(BIND + "=" + raw + " refused: " + address.getHostAddress()
            + " is not an address of this machine");
      }
    } catch (SocketException e) {
      throw new InvalidSettingException(BIND + "=" + raw + " refused: cannot list this machine's addresses: " + e.getMessage());
    }
    return address.getHostAddress();
  }

  private static Path file(String name, String raw, Path home) {
    Path p = home.resolve(raw);
    if (!Files.isRegularFile(p)) {
      throw new InvalidSettingException(name + "=" + raw + " refused: no such file");
    }
    if (!Files.isReadable(p)) {
      throw new InvalidSettingException(name + "=" + raw + " refused: the file is not readable");
    }
    return p;
  }

  private static ServerKey fromKeystore(Path file, String raw, String password) {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    KeyStore store;
    try {
      store = KeyStore.getInstance(file.toFile(), secret);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        throw new InvalidSettingException(KEYSTORE_PASSWORD + " refused: it does not open " + KEYSTORE + "=" + raw);
      }
      throw new InvalidSettingException(KEYSTORE + "=" + raw + " refused: cannot read it as a PKCS12 or JKS keystore");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidSettingException(KEYSTORE + "=" + raw + " refused: not a PKCS12 or JKS keystore");
    }
    try {
      List<String> keys = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keys.add(alias);
        }
      }
      if (keys.size() != 1) {
        throw new InvalidSettingException(KEYSTORE + "=" + raw + " refused: it must hold one private key (the server's),"
            + " holds " + keys.size());
      }
      Key key;
      try {
        key = store.getKey(keys.get(0), secret);
      } catch (UnrecoverableKeyException e) {
        throw new InvalidSettingException(KEYSTORE_PASSWORD + " refused: it opens " + KEYSTORE + "=" + raw
            + " but not its key (the key needs the keystore's password)");
      }
      Certificate[] chain = store.getCertificateChain(keys.get(0));
      if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
        throw new InvalidSettingException(KEYSTORE + "=" + raw + " refused: its key entry has no certificate chain");
      }
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate c : chain) {
        certificates.add((X509Certificate) c);
      }
      return ServerKey.of(privateKey, certificates);
    } catch (GeneralSecurityException e) {
      throw new InvalidSettingException(KEYSTORE + "=" + raw + " refused: " + e.getMessage());
    }
  }

  private static ServerKey fromPem(Path certFile, String certRaw, Path keyFile, String keyRaw) {
    List<X509Certificate> chain;
    try {
      chain = PemKeys.certificates(Files.readAllBytes(certFile));
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidSettingException(CERT + "=" + certRaw + " refused: not a PEM certificate chain");
    }
    if (chain.isEmpty()) {
      throw new InvalidSettingException(CERT + "=" + certRaw + " refused: no certificate in it");
    }
    PrivateKey key;
    try {
      key = PemKeys.privateKey(Files.readAllBytes(keyFile));
    } catch (IOException e) {
      throw new InvalidSettingException(KEY + "=" + keyRaw + " refused: cannot read it");
    } catch (GeneralSecurityException e) {
      throw new InvalidSettingException(KEY + "=" + keyRaw + " refused: " + e.getMessage());
    }
    if (!matches(key, chain.get(0))) {
      throw new InvalidSettingException(KEY + "=" + keyRaw + " refused: it is not the key of the first certificate in "
          + CERT + "=" + certRaw);
    }
    try {
      return ServerKey.of(key, chain);
    } catch (GeneralSecurityException e) {
      throw new InvalidSettingException(CERT + "=" + certRaw + " refused: " + e.getMessage());
    }
  }

  /** Whether the certificate's public key verifies what the private key signs. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
    };
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The server's key and chain in an in-memory keystore, and the TLS parameters that use it. */
  private record ServerKey(SSLContextParameters parameters, List<X509Certificate> chain) {

    static ServerKey of(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String password = HexFormat.of().formatHex(random);
      KeyStore memory = KeyStore.getInstance("PKCS12");
      try {
        memory.load(null, null);
      } catch (IOException e) {
        throw new GeneralSecurityException("cannot create an in-memory keystore: " + e.getMessage(), e);
      }
      memory.setKeyEntry("https", key, password.toCharArray(), chain.toArray(Certificate[]::new));
      KeyStoreParameters store = new KeyStoreParameters();
      store.setKeyStore(memory);
      store.setPassword(password);
      KeyManagersParameters keyManagers = new KeyManagersParameters();
      keyManagers.setKeyStore(store);
      keyManagers.setKeyPassword(password);
      SSLContextParameters parameters = new SSLContextParameters();
      parameters.setKeyManagers(keyManagers);
      return new ServerKey(parameters, List.copyOf(chain));
    }
  }
}
