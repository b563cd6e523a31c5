package dev.lintel.proxy.echo;

import dev.lintel.proxy.server.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 and h2c echo backend: a connection that starts with the HTTP/2 connection preface is
 * served HTTP/2 (prior knowledge, each stream a request), any other HTTP/1.1, on the same port.
 * Every request is answered 200 with {@code application/json}:
 *
 * <pre>{"name": ..., "method": ..., "path": ..., "host": ..., "protocol": ...,
 *  "headers": {name: [values]}, "bodyLength": N, "bodySha256": hex}</pre>
 *
 * {@code path} is the request target as received (with query), {@code host} the Host header (the
 * {@code :authority} over HTTP/2), {@code protocol} {@code HTTP/1.1} or {@code HTTP/2.0}, header
 * names are lower case, {@code bodySha256} is the hex SHA-256 of the body (lets tests check that a
 * streamed body arrived intact). Bodies are hashed as they stream, never buffered. A request header
 * {@code X-Echo-Set-Header: Name:value,Name2:value2} adds those headers to the response, as the
 * Gateway API conformance echo backend does.
 *
 * <p>Trailers are echoed: the request's trailers come back as response trailers, and {@code
 * X-Echo-Set-Trailer: Name:value,...} adds more (gRPC's {@code grpc-status}, say). Over HTTP/1.1 a
 * response with trailers is chunked.
 *
 * <p>A query parameter {@code delay} with a Go duration ({@code ?delay=500ms}, {@code 1.5s}, {@code
 * 1m30s}; at most an hour) holds the answer back that long after the request has arrived, again as
 * the conformance echo backend does, so that tests can make one request slow; the event loop is not
 * blocked meanwhile, and answers on one connection stay in the order of their requests. A {@code
 * delay} that is not such a duration is answered 500 with {@code {"error": reason}}.
 *
 * <p>Retries are simulated as by the conformance echo backend: a request under {@code /retry/} with
 * {@code succeedAfter=N} fails for the first N requests with the same {@code uuid} parameter and is
 * echoed from then on. It fails with the status {@code responseCode} (200..599; the body is {@code
 * {"name", "path", "error"}}) or, without one, by resetting the connection (TCP RST), in both cases
 * after {@code delayRetry} (a Go duration) when given. Counts are kept per server, across
 * connections, for the last 10,000 uuids. Failed attempts are counted in {@link #requestsServed()}
 * and listed in {@link #recentRequests()} as well. Parameters that cannot be read are answered 500
 * with {@code {"error": reason}}.
 *
 * <p>Constructed with a server {@code SslContext}, it speaks TLS only, and each answer also reports
 * the SNI and the client certificate of the connection (see {@link EchoTls}).
 *
 * <p>A WebSocket handshake on any path is accepted; each text message is sent back as {@code
 * <name>: <text>}, each binary message unchanged (as the conformance echo backend does).
 */
public final class EchoServer implements AutoCloseable {
  private final InetAddress address;
  private final int port;
  private final String name;
  private final SslContext tls;
  private final AtomicInteger connections = new AtomicInteger();
  private final RequestLog requests = new RequestLog();
  private final EchoRetry retries = new EchoRetry();

  private EventLoopGroup group;
  private Channel serverChannel;

  /**
   * @param address where to listen
   * @param port the port, 0 for an ephemeral one
   * @param name reported in every response, to tell backends apart
   */
  public EchoServer(InetAddress address, int port, String name) {
    this(address, port, name, null);
  }

  /**
   * An echo backend behind TLS.
   *
   * @param tls the server context of every connection, or null for clear text
   */
  public EchoServer(InetAddress address, int port, String name, SslContext tls) {
    this.address = address;
    this.port = port;
    this.name = name;
    this.tls = tls;
  }

  /** Binds and returns the bound port. */
  public synchronized int start() {
    if (serverChannel != null) {
      throw new IllegalStateException("already started");
    }
    Transport transport = Transport.best();
    group = transport.newEventLoopGroup(1, "lintel-echo");
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannelType())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    connections.incrementAndGet();
                    if (tls != null) {
                      channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                    }
                    channel.pipeline().addLast(new EchoProtocolDetector(name, requests, retries));
                  }
                });
    ChannelFuture bind =
        bootstrap.bind(new InetSocketAddress(address, port)).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "cannot bind echo server to " + address + ":" + port, bind.cause());
    }
    serverChannel = bind.channel();
    return port();
  }

  /** The bound port (after {@link #start()}). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** TCP connections accepted so far (lets tests observe connection reuse). */
  public int connectionsAccepted() {
    return connections.get();
  }

  /** Requests answered so far. */
  public int requestsServed() {
    return requests.count();
  }

  /**
   * The last requests answered (up to 1,000), oldest first, as {@code METHOD target}; a delayed
   * request counts once its answer is written.
   */
  public List<String> recentRequests() {
    return requests.recent();
  }

  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
  }
}
