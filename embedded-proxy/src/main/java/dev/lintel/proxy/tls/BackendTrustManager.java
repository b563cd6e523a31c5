package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.SubjectAltName;
import dev.lintel.proxy.config.SubjectAltNameType;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Validates a backend's certificate: the chain by the JDK's PKIX trust manager (which also checks
 * the server name when the engine asks for endpoint identification), then, when the backend's TLS
 * lists subject alternative names, that the certificate carries one of them. Names match as the
 * Gateway API says: a DNS name exactly or by a wildcard of one leftmost label, a URI exactly.
 */
final class BackendTrustManager extends X509ExtendedTrustManager {
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;

  private final X509ExtendedTrustManager chain;
  private final List<SubjectAltName> names;

  BackendTrustManager(X509ExtendedTrustManager chain, List<SubjectAltName> names) {
    this.chain = chain;
    this.names = List.copyOf(names);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
      throws CertificateException {
    chain.checkServerTrusted(certificates, authType, engine);
    checkNames(certificates[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
      throws CertificateException {
    chain.checkServerTrusted(certificates, authType, socket);
    checkNames(certificates[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certificates, String authType)
      throws CertificateException {
    chain.checkServerTrusted(certificates, authType);
    checkNames(certificates[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType)
      throws CertificateException {
    throw new CertificateException("a backend connection never validates clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(certificates, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(certificates, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return chain.getAcceptedIssuers();
  }

  private void checkNames(X509Certificate certificate) throws CertificateException {
    if (names.isEmpty()) {
      return;
    }
    Collection<List<?>> alternatives;
    try {
      alternatives = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("the backend certificate's subject alternative names", e);
    }
    if (alternatives != null) {
      for (List<?> alternative : alternatives) {
        if (alternative.size() >= 2
            && alternative.get(0) instanceof Integer type
            && alternative.get(1) instanceof String value
            && matchesAny(type, value)) {
          return;
        }
      }
    }
    throw new CertificateException(
        "the backend certificate carries none of the subject alternative names " + names);
  }

  private boolean matchesAny(int type, String value) {
    for (SubjectAltName name : names) {
      if (name.type() == SubjectAltNameType.Hostname && type == SAN_DNS
          ? dnsMatches(name.value(), value)
          : name.type() == SubjectAltNameType.URI
              && type == SAN_URI
              && name.value().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the certificate's DNS name {@code presented} covers the expected {@code wanted}:
   * equal ignoring case, or a {@code *.} wildcard of exactly one label on either side (a policy may
   * ask for {@code *.example.com} as the certificate may offer it).
   */
  static boolean dnsMatches(String wanted, String presented) {
    String a = wanted.toLowerCase(Locale.ROOT);
    String b = presented.toLowerCase(Locale.ROOT);
    if (a.equals(b)) {
      return true;
    }
    if (a.startsWith("*.") != b.startsWith("*.")) {
      String wildcard = a.startsWith("*.") ? a : b;
      String name = a.startsWith("*.") ? b : a;
      int dot = name.indexOf('.');
      return dot > 0 && name.substring(dot + 1).equals(wildcard.substring(2));
    }
    return false;
  }
}
