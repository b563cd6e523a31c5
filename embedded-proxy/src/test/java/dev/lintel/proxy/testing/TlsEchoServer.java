package dev.lintel.proxy.testing;

import dev.lintel.proxy.tls.CertificatePem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSocket;

/**
 * A TCP echo backend for TLSRoutes, speaking TLS with its own certificate (a passthrough target) or
 * clear text (behind a terminating listener). Per connection it first sends its name and a line
 * break, then echoes every byte; when the client's stream ends it sends {@code bye <bytes echoed>}
 * and a line break, and closes. The closing line proves that a half-close reached it and that its
 * answer could still come back.
 */
public final class TlsEchoServer implements AutoCloseable {
  private final String name;
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile String lastServerName;

  private TlsEchoServer(String name, ServerSocket server) {
    this.name = name;
    this.server = server;
    Thread acceptor = new Thread(this::accept, "tls-echo-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A TLS backend presenting {@code certificate}, on 127.0.0.1 and an ephemeral port. */
  public static TlsEchoServer tls(String name, CertificatePem certificate) throws IOException {
    ServerSocket socket =
        TestCertificates.serverContext(certificate)
            .getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return new TlsEchoServer(name, socket);
  }

  /** A clear-text backend on 127.0.0.1 and an ephemeral port. */
  public static TlsEchoServer plain(String name) throws IOException {
    return new TlsEchoServer(name, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /**
   * The SNI of the last TLS connection, or null when it sent none; set before the greeting is sent,
   * so a client that read the greeting sees its own connection's name.
   */
  public String lastServerName() {
    return lastServerName;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread worker = new Thread(() -> serve(socket), "tls-echo-" + name + "-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      if (socket instanceof SSLSocket tls) {
        tls.startHandshake();
        lastServerName = serverName((ExtendedSSLSession) tls.getSession());
      }
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
        total += n;
      }
      out.write(("bye " + total + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (SocketException e) {
      // The client went away: routine.
    } catch (IOException e) {
      // A failed handshake (a client that did not trust this backend): routine too.
    }
  }

  private static String serverName(ExtendedSSLSession session) {
    for (SNIServerName name : session.getRequestedServerNames()) {
      if (name instanceof SNIHostName host) {
        return host.getAsciiName();
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing: nothing to do.
    }
  }
}
