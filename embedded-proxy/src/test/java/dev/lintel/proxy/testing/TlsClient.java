package dev.lintel.proxy.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TLS connection to a local port with the SNI of a test's choosing (the JDK's HttpClient takes
 * the SNI from the URL, and the tests connect to 127.0.0.1), speaking HTTP/1.1 through {@link
 * RawHttpClient}. The server's certificate is verified against the trusted authority and, when an
 * SNI is sent, against that name, as a browser would.
 */
public final class TlsClient implements AutoCloseable {
  private final SSLSocket socket;
  private final RawHttpClient http;

  private TlsClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.http = new RawHttpClient(socket);
  }

  /**
   * Connects and shakes hands.
   *
   * @param sni the server name to send, or null to send none (then the name is not verified)
   */
  public static TlsClient connect(SSLContext trust, int port, String sni, String... alpn)
      throws IOException {
    return connect(trust, InetAddress.getLoopbackAddress(), port, sni, alpn);
  }

  /** {@link #connect(SSLContext, int, String, String...)} to another local address. */
  public static TlsClient connect(
      SSLContext trust, InetAddress address, int port, String sni, String... alpn)
      throws IOException {
    return new TlsClient(handshake(trust, address, port, sni, alpn));
  }

  /**
   * A socket to {@code address:port} that completed its handshake, having verified the certificate
   * against {@code trust} and {@code sni} (not verified without SNI); closed when the handshake
   * fails.
   */
  static SSLSocket handshake(
      SSLContext trust, InetAddress address, int port, String sni, String... alpn)
      throws IOException {
    Socket plain = new Socket(address, port);
    SSLSocket socket =
        (SSLSocket)
            trust
                .getSocketFactory()
                .createSocket(plain, sni == null ? "127.0.0.1" : sni, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    if (sni == null) {
      parameters.setServerNames(List.of());
    } else {
      parameters.setServerNames(List.of(new SNIHostName(sni)));
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (alpn.length > 0) {
      parameters.setApplicationProtocols(alpn);
    }
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(10_000);
    try {
      socket.startHandshake();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  /** One GET with its own Host on a new connection; the response and the certificate it got. */
  public static Exchange get(SSLContext trust, int port, String sni, String host, String path)
      throws IOException {
    try (TlsClient client = connect(trust, port, sni)) {
      return new Exchange(client.get(host, path), client.dnsNames(), client.serial());
    }
  }

  /** A GET on this connection, kept alive. */
  public RawHttpClient.Response get(String host, String path) throws IOException {
    http.get(host, path);
    return http.read();
  }

  /** The DNS names of the certificate the server presented. */
  public List<String> dnsNames() throws IOException {
    X509Certificate certificate = peer();
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          if (Integer.valueOf(2).equals(alternative.get(0))) {
            names.add((String) alternative.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new IOException(e);
    }
    return names;
  }

  /** The serial number of the presented certificate: tells two issues for one name apart. */
  public String serial() throws IOException {
    return peer().getSerialNumber().toString(16);
  }

  public String protocol() {
    return socket.getSession().getProtocol();
  }

  public String applicationProtocol() {
    return socket.getApplicationProtocol();
  }

  private X509Certificate peer() throws IOException {
    return (X509Certificate) socket.getSession().getPeerCertificates()[0];
  }

  @Override
  public void close() throws IOException {
    http.close();
  }

  /** A response, and the presented certificate's DNS names and serial. */
  public record Exchange(RawHttpClient.Response response, List<String> dnsNames, String serial) {}
}
