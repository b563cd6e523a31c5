package dev.lintel.proxy.upstream;

import dev.lintel.proxy.config.BackendTls;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to connect for one endpoint. IP literals are resolved once at compile time; host names stay
 * unresolved so that the connect resolves them (and follows DNS changes). Equality is by host,
 * port, protocol and TLS settings only, so that pooled connections survive config reloads that keep
 * the endpoint, and a pool never hands a clear-text connection to a TLS backend (or one made with
 * other TLS settings, or of the other protocol) at the same address.
 */
public final class UpstreamAddress {
  private final String host;
  private final int port;
  private final InetSocketAddress socketAddress;
  private final int hash;

  /** HTTP/2 upstream: prior knowledge on clear text, ALPN h2 over TLS; else HTTP/1.1. */
  private final boolean h2c;

  /** How to speak TLS to the endpoint, or null for clear text. */
  private final BackendTls tls;

  /** Computed once: it is the Host header of every HTTP/1.0 request without one. */
  private final String text;

  /** A clear-text HTTP/1.1 endpoint. */
  public UpstreamAddress(String host, int port) {
    this(host, port, false, null);
  }

  /**
   * @param h2c the endpoint speaks HTTP/2 (prior knowledge on clear text, ALPN h2 over TLS): its
   *     connections are {@link H2cConnections}, not the keep-alive pool
   * @param tls how to speak TLS to it, or null for clear text
   */
  public UpstreamAddress(String host, int port, boolean h2c, BackendTls tls) {
    this.h2c = h2c;
    this.tls = tls;
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
    this.socketAddress =
        ip != null
            ? new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), port)
            : InetSocketAddress.createUnresolved(host, port);
    this.hash = ((host.hashCode() * 31 + port) * 31 + Objects.hashCode(tls)) * 2 + (h2c ? 1 : 0);
    this.text = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** HTTP/2 upstream: prior knowledge on clear text, ALPN h2 over TLS. */
  public boolean isH2c() {
    return h2c;
  }

  /** The TLS settings of connections to this endpoint, or null for clear text. */
  public BackendTls tls() {
    return tls;
  }

  public InetSocketAddress socketAddress() {
    return socketAddress;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpstreamAddress other
        && other.port == port
        && other.h2c == h2c
        && other.host.equals(host)
        && Objects.equals(other.tls, tls);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return text;
  }
}
