package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.BackendTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the client context of one backend's TLS: SNI fixed to its server name, the backend's
 * certificate validated against the CA bundles (or the JVM's trust store), the server name checked
 * by the JDK (HTTPS endpoint identification) unless subject alternative names replace it, and the
 * Gateway's client certificate presented when the backend asks for one.
 */
final class UpstreamTlsContext {
  private UpstreamTlsContext() {}

  /**
   * @param authorities the certificates of the backend's CA bundles, or null for the JVM's store
   * @param client the certificate to present, or null
   */
  static SslContext build(BackendTls tls, List<X509Certificate> authorities, CertificatePem client)
      throws InvalidCertificateException {
    try {
      boolean byNames = !tls.subjectAltNames().isEmpty();
      SslContextBuilder builder =
          SslContextBuilder.forClient()
              .sslProvider(SslProvider.JDK)
              .protocols(ServerCertificate.PROTOCOLS)
              .serverName(new SNIHostName(tls.serverName()))
              .endpointIdentificationAlgorithm(byNames ? null : "HTTPS")
              .trustManager(trustManager(tls, authorities));
      if (client != null) {
        builder.keyManager(
            PemReader.privateKey(client.privateKey()),
            PemReader.certificates(client.certificateChain()));
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new InvalidCertificateException(
          "the TLS provider refuses the backend's TLS settings: " + e.getClass().getSimpleName());
    }
  }

  private static TrustManager trustManager(BackendTls tls, List<X509Certificate> authorities)
      throws InvalidCertificateException {
    try {
      KeyStore store = null;
      if (authorities != null) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < authorities.size(); i++) {
          store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager pkix) {
          return new BackendTrustManager(pkix, tls.subjectAltNames());
        }
      }
      throw new InvalidCertificateException("the JDK has no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidCertificateException(
          "the backend's CA certificates cannot be trusted: " + e.getClass().getSimpleName());
    }
  }
}
