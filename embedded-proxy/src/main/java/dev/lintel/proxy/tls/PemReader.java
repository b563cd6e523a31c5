package dev.lintel.proxy.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM of a {@code kubernetes.io/tls} Secret with the JDK alone. Keys come in the three
 * forms that tools write (openssl, cert-manager, Go's crypto/tls): PKCS#8 {@code PRIVATE KEY},
 * PKCS#1 {@code RSA PRIVATE KEY} and SEC1 {@code EC PRIVATE KEY}; the last two are wrapped into
 * PKCS#8, the one form the JDK's key factories read. Errors never quote the key text.
 */
final class PemReader {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);

  /** DER of the rsaEncryption algorithm identifier: OID 1.2.840.113549.1.1.1 with NULL params. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** DER of the id-ecPublicKey OID 1.2.840.10045.2.1. */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private PemReader() {}

  /** The certificates of a chain, in order. */
  static List<X509Certificate> certificates(String pem) throws InvalidCertificateException {
    List<X509Certificate> chain = new ArrayList<>();
    Matcher blocks = BLOCK.matcher(pem);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      while (blocks.find()) {
        if (blocks.group(1).equals("CERTIFICATE")) {
          byte[] der = decode(blocks.group(2), "certificate");
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
      }
    } catch (CertificateException e) {
      throw new InvalidCertificateException(
          "certificate " + (chain.size() + 1) + " is not a valid X.509 certificate");
    }
    if (chain.isEmpty()) {
      throw new InvalidCertificateException("no PEM CERTIFICATE block in the certificate data");
    }
    return chain;
  }

  /** The private key of the first PEM key block. */
  static PrivateKey privateKey(String pem) throws InvalidCertificateException {
    Matcher blocks = BLOCK.matcher(pem);
    while (blocks.find()) {
      String type = blocks.group(1);
      switch (type) {
        case "PRIVATE KEY" -> {
          return pkcs8(decode(blocks.group(2), "key"), "RSA", "EC", "Ed25519", "Ed448");
        }
        case "RSA PRIVATE KEY" -> {
          return pkcs8(wrap(RSA_ALGORITHM, decode(blocks.group(2), "key")), "RSA");
        }
        case "EC PRIVATE KEY" -> {
          byte[] sec1 = decode(blocks.group(2), "key");
          byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curveOf(sec1));
          return pkcs8(wrap(algorithm, sec1), "EC");
        }
        case "ENCRYPTED PRIVATE KEY" ->
            throw new InvalidCertificateException("encrypted private keys are not supported");
        default -> {
          // Parameters (EC PARAMETERS) and other blocks are skipped.
        }
      }
    }
    throw new InvalidCertificateException("no PEM private key block in the key data");
  }

  private static byte[] decode(String base64, String what) throws InvalidCertificateException {
    try {
      return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new InvalidCertificateException("the " + what + " block is not valid base64");
    }
  }

  private static PrivateKey pkcs8(byte[] der, String... algorithms)
      throws InvalidCertificateException {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm; try the next.
      }
    }
    throw new InvalidCertificateException(
        "the private key is not a valid " + String.join(", ", algorithms) + " key");
  }

  /** PKCS#8 PrivateKeyInfo: version 0, the algorithm, the key as an OCTET STRING. */
  private static byte[] wrap(byte[] algorithm, byte[] key) {
    return sequence(VERSION_0, algorithm, tlv(0x04, key));
  }

  /**
   * The named curve of a SEC1 ECPrivateKey ({@code SEQUENCE {version, privateKey, [0] parameters,
   * [1] publicKey}}): the OID inside {@code [0]}, with its tag and length.
   */
  private static byte[] curveOf(byte[] sec1) throws InvalidCertificateException {
    Der outer = new Der(sec1, 0);
    if (outer.tag != 0x30) {
      throw new InvalidCertificateException("the EC private key is not a DER sequence");
    }
    int pos = outer.contentStart;
    while (pos < outer.end) {
      Der field = new Der(sec1, pos);
      if (field.tag == 0xa0) {
        Der oid = new Der(sec1, field.contentStart);
        if (oid.tag == 0x06) {
          return java.util.Arrays.copyOfRange(sec1, field.contentStart, oid.end);
        }
      }
      pos = field.end;
    }
    throw new InvalidCertificateException("the EC private key does not name its curve");
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** One DER tag-length-value header read at an offset; only what the curve lookup needs. */
  private static final class Der {
    final int tag;
    final int contentStart;
    final int end;

    Der(byte[] der, int offset) throws InvalidCertificateException {
      if (offset + 2 > der.length) {
        throw truncated();
      }
      tag = der[offset] & 0xff;
      int length = der[offset + 1] & 0xff;
      int pos = offset + 2;
      if (length >= 0x80) {
        int bytes = length & 0x7f;
        if (bytes == 0 || bytes > 3 || pos + bytes > der.length) {
          throw truncated();
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[pos++] & 0xff);
        }
      }
      contentStart = pos;
      end = pos + length;
      if (end > der.length) {
        throw truncated();
      }
    }

    private static InvalidCertificateException truncated() {
      return new InvalidCertificateException("the EC private key is not valid DER");
    }
  }
}
