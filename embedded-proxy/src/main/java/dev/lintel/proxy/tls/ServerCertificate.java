package dev.lintel.proxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * One certificate Secret made ready to serve: its chain and key checked to belong together, the DNS
 * names it is valid for, and the Netty server context that presents it.
 *
 * <p>The JDK's TLS provider: OpenSSL (netty-tcnative) would be faster at handshakes but is a native
 * library per platform, and the JDK one needs nothing. TLS 1.2 and 1.3 only; ALPN offers {@code h2}
 * first, then {@code http/1.1}.
 *
 * @param reference {@code namespace/name} of the Secret
 * @param pem the material it was built from (compared to see whether a change is a change)
 * @param dnsNames the certificate's DNS subject alternative names, lower case
 * @param context the server context
 */
public record ServerCertificate(
    String reference, CertificatePem pem, List<String> dnsNames, SslContext context) {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final int SAN_DNS = 2;

  /** Checks and builds; the exception names what is wrong, never the key. */
  public static ServerCertificate load(String reference, CertificatePem pem)
      throws InvalidCertificateException {
    List<X509Certificate> chain = PemReader.certificates(pem.certificateChain());
    PrivateKey key = PemReader.privateKey(pem.privateKey());
    checkKeyMatches(chain.get(0), key);
    return new ServerCertificate(reference, pem, dnsNames(chain.get(0)), context(key, chain, null));
  }

  /**
   * A context presenting this certificate that also validates client certificates; built anew each
   * time (the caller keeps it), from the material this certificate loaded from.
   */
  public SslContext contextFor(ClientTrust trust) throws InvalidCertificateException {
    return context(
        PemReader.privateKey(pem.privateKey()),
        PemReader.certificates(pem.certificateChain()),
        trust);
  }

  private static SslContext context(PrivateKey key, List<X509Certificate> chain, ClientTrust trust)
      throws InvalidCertificateException {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(key, chain)
              .sslProvider(SslProvider.JDK)
              .protocols(PROTOCOLS)
              .applicationProtocolConfig(
                  new ApplicationProtocolConfig(
                      ApplicationProtocolConfig.Protocol.ALPN,
                      ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                      ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                      ApplicationProtocolNames.HTTP_2,
                      ApplicationProtocolNames.HTTP_1_1));
      if (trust != null) {
        trust.configure(builder);
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new InvalidCertificateException(
          "the TLS provider refuses the certificate: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Checks the material alone (chain, key and that they match), without building a context: what
   * the operator's translator needs to report a Secret as invalid.
   */
  public static void check(CertificatePem pem) throws InvalidCertificateException {
    List<X509Certificate> chain = PemReader.certificates(pem.certificateChain());
    checkKeyMatches(chain.get(0), PemReader.privateKey(pem.privateKey()));
  }

  /** How well this certificate names {@code host}: an exact SAN beats a wildcard one. */
  enum Match {
    NONE,
    WILDCARD,
    EXACT
  }

  /** {@link Match} of {@code host} (lower case); a wildcard SAN covers one label. */
  public Match match(String host) {
    Match best = Match.NONE;
    for (String name : dnsNames) {
      if (name.equals(host)) {
        return Match.EXACT;
      }
      if (name.startsWith("*.")) {
        int dot = host.indexOf('.');
        if (dot > 0 && host.substring(dot + 1).equals(name.substring(2))) {
          best = Match.WILDCARD;
        }
      }
    }
    return best;
  }

  /** A signature made with the key must verify with the certificate: then they are a pair. */
  private static void checkKeyMatches(X509Certificate certificate, PrivateKey key)
      throws InvalidCertificateException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default ->
              throw new InvalidCertificateException(
                  "unsupported private key algorithm " + key.getAlgorithm());
        };
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's: not a pair either.
    }
    throw new InvalidCertificateException("the private key does not belong to the certificate");
  }

  private static List<String> dnsNames(X509Certificate certificate)
      throws InvalidCertificateException {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          if (alternative.size() >= 2
              && alternative.get(0) instanceof Integer type
              && type == SAN_DNS
              && alternative.get(1) instanceof String name) {
            names.add(name.toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new InvalidCertificateException("the certificate's subject alternative names are bad");
    }
    return List.copyOf(names);
  }
}
