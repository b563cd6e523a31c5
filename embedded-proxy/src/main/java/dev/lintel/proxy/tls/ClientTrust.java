package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.ClientValidationMode;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client certificate validation of one HTTPS port, loaded: the authorities a client certificate
 * may chain to and what happens when it does not. Equal values build equal contexts, which lets the
 * store reuse them.
 *
 * @param authorities the trusted CA certificates of every bundle that loaded
 * @param mode {@link ClientValidationMode#AllowValidOnly}: the handshake fails without a
 *     certificate that chains to one of them; {@link ClientValidationMode#AllowInsecureFallback}:
 *     one is asked for (naming the authorities, so clients pick the right one) and any answer, none
 *     included, is served
 */
public record ClientTrust(List<X509Certificate> authorities, ClientValidationMode mode) {
  public ClientTrust {
    authorities = List.copyOf(authorities);
  }

  /** The certificates of a CA bundle; the exception says what is wrong with it. */
  public static List<X509Certificate> load(CaBundlePem pem) throws InvalidCertificateException {
    return PemReader.certificates(pem.certificates());
  }

  /** Checks a CA bundle alone: what the operator's translator needs to report it as invalid. */
  public static void check(CaBundlePem pem) throws InvalidCertificateException {
    load(pem);
  }

  void configure(SslContextBuilder builder) {
    X509Certificate[] trusted = authorities.toArray(X509Certificate[]::new);
    if (mode == ClientValidationMode.AllowValidOnly) {
      builder.trustManager(trusted).clientAuth(ClientAuth.REQUIRE);
    } else {
      builder.trustManager(new AcceptingTrustManager(trusted)).clientAuth(ClientAuth.OPTIONAL);
    }
  }

  /**
   * AllowInsecureFallback: asks for certificates of the trusted authorities and accepts whatever
   * comes. Without it, the JDK would still fail a handshake whose certificate does not validate,
   * though the client is not required to send one.
   */
  private static final class AcceptingTrustManager extends X509ExtendedTrustManager {
    private final X509Certificate[] issuers;

    AcceptingTrustManager(X509Certificate[] issuers) {
      this.issuers = issuers;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a server context never validates servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.clone();
    }
  }
}
