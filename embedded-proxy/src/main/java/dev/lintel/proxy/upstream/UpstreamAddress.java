package dev.lintel.proxy.upstream;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to connect for one endpoint. IP literals are resolved once at compile time; host names stay
 * unresolved so that the connect resolves them (and follows DNS changes). Equality is by host, port
 * and protocol only, so that pooled connections survive config reloads that keep the endpoint.
 */
public final class UpstreamAddress {
  private final String host;
  private final int port;
  private final InetSocketAddress socketAddress;
  private final int hash;

  /** The endpoint speaks HTTP/2 with prior knowledge (h2c), not HTTP/1.1. */
  private final boolean h2c;

  /** Computed once: it is the Host header of every HTTP/1.0 request without one. */
  private final String text;

  /** An HTTP/1.1 endpoint. */
  public UpstreamAddress(String host, int port) {
    this(host, port, false);
  }

  /**
   * @param h2c the endpoint speaks HTTP/2 with prior knowledge: its connections are {@link
   *     H2cConnections}, not the keep-alive pool
   */
  public UpstreamAddress(String host, int port, boolean h2c) {
    this.h2c = h2c;
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
    this.socketAddress =
        ip != null
            ? new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), port)
            : InetSocketAddress.createUnresolved(host, port);
    this.hash = (host.hashCode() * 31 + port) * 2 + (h2c ? 1 : 0);
    this.text = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public boolean isH2c() {
    return h2c;
  }

  public InetSocketAddress socketAddress() {
    return socketAddress;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpstreamAddress other
        && other.port == port
        && other.h2c == h2c
        && other.host.equals(host);
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
