package dev.lintel.proxy.testing;

import dev.lintel.proxy.tls.CertificatePem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority made up for one test run, issuing server certificates for DNS names, and
 * a client {@link SSLContext} that trusts it (as the upstream suite's clients trust the
 * certificates of its Secrets).
 */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** How an issued key is written: the three forms that Secrets carry in practice. */
  public enum KeyFormat {
    /** {@code PRIVATE KEY}. */
    PKCS8,
    /** {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}, as openssl and Go write them. */
    TRADITIONAL
  }

  /** The key type of an issued certificate. */
  public enum KeyType {
    RSA,
    EC
  }

  private final KeyPair keys;
  private final X509Certificate certificate;
  private final X500Name name;

  private TestCertificates(String commonName) {
    try {
      this.keys = generate(KeyType.EC);
      this.name = new X500Name("CN=" + commonName);
      JcaX509v3CertificateBuilder builder = builder(name, name, keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      this.certificate = sign(builder, keys.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new authority. */
  public static TestCertificates authority(String commonName) {
    return new TestCertificates(commonName);
  }

  /**
   * An RSA certificate for {@code dnsNames} (the first is also its common name), PKCS#8 key. A name
   * with {@code ://} in it becomes a URI subject alternative name instead (a SPIFFE ID).
   */
  public CertificatePem issue(String... dnsNames) {
    return issue(KeyType.RSA, KeyFormat.PKCS8, dnsNames);
  }

  public CertificatePem issue(KeyType type, KeyFormat format, String... dnsNames) {
    try {
      KeyPair pair = generate(type);
      JcaX509v3CertificateBuilder builder = builder(name, new X500Name("CN=" + dnsNames[0]), pair);
      GeneralName[] names = new GeneralName[dnsNames.length];
      for (int i = 0; i < dnsNames.length; i++) {
        int kind =
            dnsNames[i].contains("://")
                ? GeneralName.uniformResourceIdentifier
                : GeneralName.dNSName;
        names[i] = new GeneralName(kind, dnsNames[i]);
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      X509Certificate issued = sign(builder, keys.getPrivate());
      return new CertificatePem(pem(issued) + pem(certificate), keyPem(pair.getPrivate(), format));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The authority's own certificate as PEM. */
  public String certificatePem() {
    return pem(certificate);
  }

  /** A client context that trusts this authority only. */
  public SSLContext clientContext() {
    return clientContext(null);
  }

  /**
   * A client context that trusts this authority only and presents {@code identity} (a certificate
   * of {@link #issue}, from any authority) when the server asks for one; null presents none.
   */
  public SSLContext clientContext(CertificatePem identity) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          identity == null ? null : keyManagers(identity), factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server context presenting {@code identity} (a certificate of {@link #issue}). */
  public static SSLContext serverContext(CertificatePem identity) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(identity), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyManager[] keyManagers(CertificatePem identity)
      throws IOException, GeneralSecurityException {
    List<Certificate> chain = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    try (PEMParser parser = new PEMParser(new StringReader(identity.certificateChain()))) {
      for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
        chain.add(
            factory.generateCertificate(
                new ByteArrayInputStream(((X509CertificateHolder) block).getEncoded())));
      }
    }
    PrivateKey key;
    try (PEMParser parser = new PEMParser(new StringReader(identity.privateKey()))) {
      key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
    char[] password = "changeit".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    return keys.getKeyManagers();
  }

  private static KeyPair generate(KeyType type) throws GeneralSecurityException {
    if (type == KeyType.EC) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair subjectKeys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))),
        subject,
        subjectKeys.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static String keyPem(PrivateKey key, KeyFormat format) throws IOException {
    if (format == KeyFormat.PKCS8) {
      return pem(new JcaPKCS8Generator(key, null));
    }
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    if (!(key instanceof ECPrivateKey ec)) {
      return pem(
          new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
    }
    // As openssl writes it: the JDK's own encoding leaves the curve out of the inner structure.
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            ec.getParams().getOrder().bitLength(),
            ec.getS(),
            info.getPrivateKeyAlgorithm().getParameters());
    return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }
}
