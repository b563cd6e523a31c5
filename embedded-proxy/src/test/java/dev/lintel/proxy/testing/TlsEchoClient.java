package dev.lintel.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A TLS client of {@link TlsEchoServer}, through a proxy: which backend answered, and with what.
 */
public final class TlsEchoClient implements AutoCloseable {
  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;

  private TlsEchoClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to 127.0.0.1:{@code port} and shakes hands, verifying the certificate against {@code
   * trust} and {@code sni}.
   *
   * @param sni the server name to send, or null to send none
   */
  public static TlsEchoClient connect(SSLContext trust, int port, String sni) throws IOException {
    return connect(trust, InetAddress.getLoopbackAddress(), port, sni);
  }

  /** {@link #connect(SSLContext, int, String)} to another local address. */
  public static TlsEchoClient connect(SSLContext trust, InetAddress address, int port, String sni)
      throws IOException {
    return new TlsEchoClient(TlsClient.handshake(trust, address, port, sni));
  }

  /** The backend's first line: its name. */
  public String greeting() throws IOException {
    return readLine();
  }

  /** The DNS names of the certificate the handshake showed. */
  public List<String> dnsNames() throws IOException {
    Certificate[] chain = socket.getSession().getPeerCertificates();
    List<String> names = new ArrayList<>();
    try {
      for (List<?> name : ((X509Certificate) chain[0]).getSubjectAlternativeNames()) {
        if (((Integer) name.get(0)) == 2) {
          names.add((String) name.get(1));
        }
      }
    } catch (CertificateParsingException e) {
      throw new IOException(e);
    }
    return names;
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Exactly {@code length} bytes. */
  public byte[] read(int length) throws IOException {
    return in.readNBytes(length);
  }

  /** Ends the client's stream (TLS 1.3 keeps the other direction open) and reads what is left. */
  public String finish() throws IOException {
    socket.shutdownOutput();
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    in.transferTo(rest);
    return rest.toString(StandardCharsets.UTF_8);
  }

  /** The next line, without its line break. */
  public String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("stream ended before a line break: " + line);
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
