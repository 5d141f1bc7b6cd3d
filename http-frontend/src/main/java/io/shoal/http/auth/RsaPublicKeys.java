package io.shoal.http.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the RS256 verification key of {@code shoal.http.auth.rs256-public-key}: PEM text, or the path of a PEM file
 * (a mounted Kubernetes secret). Only at start-up: it may read a file.
 */
final class RsaPublicKeys {

  /** Shorter RSA keys are factorable with affordable effort (NIST SP 800-131A). */
  static final int MIN_BITS = 2048;

  private static final String PUBLIC_KEY = "PUBLIC KEY";
  private static final String CERTIFICATE = "CERTIFICATE";

  private RsaPublicKeys() {}

  /** @throws IllegalArgumentException with a message that names what is wrong but never repeats the key text */
  static RSAPublicKey read(String pemOrPath) {
    String pem = pemOrPath.contains("-----BEGIN") ? pemOrPath : readFile(pemOrPath);
    // Environment variables often carry a PEM with its newlines written as "\n".
    pem = pem.replace("\\n", "\n");
    PublicKey key;
    if (pem.contains("-----BEGIN " + PUBLIC_KEY + "-----")) {
      key = fromSubjectPublicKeyInfo(body(pem, PUBLIC_KEY));
    } else if (pem.contains("-----BEGIN " + CERTIFICATE + "-----")) {
      key = fromCertificate(pem);
    } else if (pem.contains("-----BEGIN RSA PUBLIC KEY-----")) {
      throw new IllegalArgumentException("shoal.http.auth.rs256-public-key is a PKCS#1 \"RSA PUBLIC KEY\": convert "
          + "it to a \"PUBLIC KEY\" (openssl rsa -RSAPublicKey_in -in key.pem -pubout)");
    } else {
      throw new IllegalArgumentException(
          "shoal.http.auth.rs256-public-key holds no PEM \"PUBLIC KEY\" or \"CERTIFICATE\" block");
    }
    if (!(key instanceof RSAPublicKey rsa)) {
      throw new IllegalArgumentException(
          "shoal.http.auth.rs256-public-key is a " + key.getAlgorithm() + " key; RS256 needs an RSA key");
    }
    if (rsa.getModulus().bitLength() < MIN_BITS) {
      throw new IllegalArgumentException("shoal.http.auth.rs256-public-key has " + rsa.getModulus().bitLength()
          + " bits; at least " + MIN_BITS + " are required");
    }
    return rsa;
  }

  /** The PEM text of an RSA public key, e.g. to configure a test or print a generated key. */
  static String toPem(RSAPublicKey key) {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    return "-----BEGIN " + PUBLIC_KEY + "-----\n" + base64 + "\n-----END " + PUBLIC_KEY + "-----\n";
  }

  private static PublicKey fromSubjectPublicKeyInfo(byte[] der) {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("shoal.http.auth.rs256-public-key is not an RSA public key", e);
    }
  }

  private static PublicKey fromCertificate(String pem) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
          .getPublicKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("shoal.http.auth.rs256-public-key: unreadable certificate", e);
    }
  }

  private static byte[] body(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin) + begin.length();
    int to = pem.indexOf(end, from);
    if (to < 0) {
      throw new IllegalArgumentException("shoal.http.auth.rs256-public-key: PEM block has no " + end + " line");
    }
    // The MIME decoder skips the line breaks and spaces a PEM body is wrapped with.
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from, to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("shoal.http.auth.rs256-public-key: the PEM body is not base64", e);
    }
  }

  private static String readFile(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "shoal.http.auth.rs256-public-key is neither PEM text nor a readable file: " + path, e);
    }
  }
}
