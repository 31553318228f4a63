package io.mikrobill.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and a PEM private key with the JDK alone. The key must be
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}); its algorithm (RSA, EC, Ed25519/Ed448) is found
 * by trying each, since PKCS#8 names it only inside the DER. The older OpenSSL forms ({@code BEGIN
 * RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}) are refused with the command that converts them.
 */
final class PemKeys {

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private PemKeys() {}

  /** The certificates of a PEM file, the server's first; empty when there are none. */
  static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
    return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
        .map(X509Certificate.class::cast).toList();
  }

  /** The private key of a PEM file; the message of the exception says what is wrong with it. */
  static PrivateKey privateKey(byte[] pem) throws GeneralSecurityException {
    String text = new String(pem, StandardCharsets.US_ASCII);
    Matcher m = PRIVATE_KEY.matcher(text);
    if (!m.find()) {
      if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
        throw new GeneralSecurityException("the key is encrypted; give it unencrypted (openssl pkcs8 -topk8 -nocrypt)"
            + " and protect the file instead");
      }
      if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
        throw new GeneralSecurityException("the key is in the older OpenSSL form; convert it to PKCS#8 with"
            + " openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
      }
      throw new GeneralSecurityException("no -----BEGIN PRIVATE KEY----- block (a PKCS#8 key) found");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(1));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the key block is not valid base64");
    }
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisAlgorithm) {
        // try the next
      }
    }
    throw new GeneralSecurityException("the key is not an RSA, EC or EdDSA PKCS#8 key");
  }
}
