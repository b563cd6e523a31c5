package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.BackendTls;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
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
 * Gateway's client certificate presented when the backend asks for one. HTTP/2 backends get a
 * context of their own that offers {@code h2} by ALPN (and nothing else: an HTTP/1.1 fallback would
 * be refused by the gRPC servers behind them anyway).
 */
final class UpstreamTlsContext {
  private UpstreamTlsContext() {}

  /**
   * @param authorities the certificates of the backend's CA bundles, or null for the JVM's store
   * @param client the certificate to present, or null
   * @param h2 offer {@code h2} by ALPN; else no protocol is offered
   */
  static SslContext build(
      BackendTls tls, List<X509Certificate> authorities, CertificatePem client, boolean h2)
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
      if (h2) {
        builder.applicationProtocolConfig(
            new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                // The pool refuses a protocol other than h2 itself, with a clearer error.
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2));
      }
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
