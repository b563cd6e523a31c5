package dev.lintel.proxy.echo;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What an echo backend serving TLS reports about the connection, as the conformance echo backend
 * does: {@code "tls": {"serverName": the SNI the client sent or null, "clientCertificate": the
 * subject of the certificate the client presented or null}}. Lets tests see the proxy's side of a
 * backend TLS connection.
 */
final class EchoTls {
  private EchoTls() {}

  /**
   * The report of {@code channel}'s TLS session, or null when the channel speaks clear text. An
   * HTTP/2 stream reports the TLS of its connection, its parent.
   */
  static Map<String, Object> describe(Channel channel) {
    SslHandler handler = channel.pipeline().get(SslHandler.class);
    if (handler == null && channel.parent() != null) {
      handler = channel.parent().pipeline().get(SslHandler.class);
    }
    if (handler == null) {
      return null;
    }
    SSLSession session = handler.engine().getSession();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("serverName", serverName(session));
    report.put("clientCertificate", clientCertificate(session));
    return report;
  }

  private static String serverName(SSLSession session) {
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }

  private static String clientCertificate(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate first
          ? first.getSubjectX500Principal().getName()
          : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
