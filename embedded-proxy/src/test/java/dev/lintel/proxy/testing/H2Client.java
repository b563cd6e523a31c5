package dev.lintel.proxy.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP/2 client with prior knowledge (h2c) over Netty, for tests: one connection, a stream per
 * request, and what came back on it (head, body, trailers, or the reset that ended it).
 */
public final class H2Client implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;
  private final CompletableFuture<Long> goAway = new CompletableFuture<>();

  private H2Client(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /** Connects to 127.0.0.1:{@code port} and sends the connection preface. */
  public static H2Client connect(int port) throws InterruptedException {
    return connect(InetAddress.getLoopbackAddress(), port, null);
  }

  /** Connects to {@code address:port} and sends the connection preface. */
  public static H2Client connect(InetAddress address, int port) throws InterruptedException {
    return connect(address, port, null);
  }

  /**
   * Connects over TLS with ALPN {@code h2} only, the certificate verified against {@code caPem} and
   * {@code sni}.
   */
  public static H2Client connectTls(int port, String sni, String caPem)
      throws InterruptedException, SSLException {
    SslContext context =
        SslContextBuilder.forClient()
            .trustManager(
                new java.io.ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))
            .applicationProtocolConfig(
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2))
            .build();
    return connect(
        InetAddress.getLoopbackAddress(),
        port,
        ch -> {
          SslHandler tls = context.newHandler(ch.alloc(), sni, port);
          SSLParameters parameters = tls.engine().getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          tls.engine().setSSLParameters(parameters);
          return tls;
        });
  }

  private static H2Client connect(InetAddress address, int port, Function<Channel, SslHandler> tls)
      throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    CompletableFuture<Long> goAway = new CompletableFuture<>();
    Channel channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.apply(ch));
                    }
                    ch.pipeline()
                        .addLast(Http2FrameCodecBuilder.forClient().build())
                        .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()))
                        .addLast(new GoAwayWatcher(goAway));
                  }
                })
            .connect(address, port)
            .sync()
            .channel();
    H2Client client = new H2Client(group, channel);
    goAway.whenComplete((code, e) -> client.goAway.complete(code));
    return client;
  }

  /** The GOAWAY error code the server sent, once it has. */
  public CompletableFuture<Long> goAway() {
    return goAway;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** A GET of {@code path} for {@code authority}. */
  public static Http2Headers get(String authority, String path) {
    return new DefaultHttp2Headers().method("GET").scheme("http").authority(authority).path(path);
  }

  /**
   * A gRPC call's head: a POST of {@code path} with {@code te: trailers} and {@code content-type:
   * application/grpc}, and {@code x-echo-set-trailer} asking the echo backend for the trailers
   * {@code grpc-status: 0} and {@code grpc-message: fine}.
   */
  public static Http2Headers grpcCall(String authority, String path) {
    return get(authority, path)
        .method("POST")
        .set("te", "trailers")
        .set("content-type", "application/grpc")
        .set("x-echo-set-trailer", "grpc-status:0,grpc-message:fine");
  }

  /** Sends a request without a body. */
  public CompletableFuture<Response> send(Http2Headers headers) {
    return send(headers, null, null);
  }

  /**
   * Sends a request.
   *
   * @param body the body, or null for none
   * @param trailers trailers after the body, or null for none
   */
  public CompletableFuture<Response> send(
      Http2Headers headers, byte[] body, Http2Headers trailers) {
    Response response = new Response();
    open(response)
        .whenComplete(
            (stream, e) -> {
              if (e != null) {
                response.done.completeExceptionally(e);
                return;
              }
              boolean noBody = body == null && trailers == null;
              stream.write(new DefaultHttp2HeadersFrame(headers, noBody));
              if (body != null) {
                stream.write(
                    new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), trailers == null));
              }
              if (trailers != null) {
                stream.write(new DefaultHttp2HeadersFrame(trailers, true));
              }
              stream.flush();
            });
    return response.done;
  }

  /** Opens a stream whose frames are collected into {@code response}. */
  public CompletableFuture<Http2StreamChannel> open(Response response) {
    CompletableFuture<Http2StreamChannel> opened = new CompletableFuture<>();
    new Http2StreamChannelBootstrap(channel)
        .handler(new Collector(response))
        .open()
        .addListener(
            f -> {
              if (f.isSuccess()) {
                opened.complete((Http2StreamChannel) f.getNow());
              } else {
                opened.completeExceptionally(f.cause());
              }
            });
    return opened;
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  /** What came back on one stream. */
  public static final class Response {
    public volatile Http2Headers headers;
    public volatile Http2Headers trailers;
    public final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** The reset error code when the stream was reset, else null. */
    public volatile Long reset;

    /** Completes when the stream ended (END_STREAM, reset or close). */
    public final CompletableFuture<Response> done = new CompletableFuture<>();

    /** Completes with the first DATA frame's arrival. */
    public final CompletableFuture<Void> firstData = new CompletableFuture<>();

    public int status() {
      return Integer.parseInt(headers.status().toString());
    }

    public synchronized String bodyText() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }

  private static final class Collector extends ChannelInboundHandlerAdapter {
    private final Response response;

    Collector(Response response) {
      this.response = response;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2HeadersFrame frame) {
          Http2Headers previous = response.headers;
          if (previous == null || previous.status().charAt(0) == '1') {
            response.headers = frame.headers();
          } else {
            response.trailers = frame.headers();
          }
          if (frame.isEndStream()) {
            response.done.complete(response);
          }
        } else if (msg instanceof Http2DataFrame frame) {
          ByteBuf content = frame.content();
          synchronized (response) {
            content.readBytes(response.body, content.readableBytes());
          }
          response.firstData.complete(null);
          if (frame.isEndStream()) {
            response.done.complete(response);
          }
        } else if (msg instanceof Http2ResetFrame reset) {
          response.reset = reset.errorCode();
          response.done.complete(response);
        }
      } catch (java.io.IOException e) {
        response.done.completeExceptionally(e);
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      response.done.complete(response);
    }
  }

  @ChannelHandler.Sharable
  private static final class GoAwayWatcher extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Long> goAway;

    GoAwayWatcher(CompletableFuture<Long> goAway) {
      this.goAway = goAway;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2GoAwayFrame frame) {
        goAway.complete(frame.errorCode());
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      goAway.complete(-1L);
    }
  }
}
