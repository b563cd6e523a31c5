package dev.lintel.proxy.echo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answers each request with its JSON description, after the delay the request asks for (see {@link
 * EchoServer}).
 */
final class EchoHandler extends ChannelInboundHandlerAdapter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SET_HEADER = "X-Echo-Set-Header";
  private static final String SET_TRAILER = "X-Echo-Set-Trailer";

  private final String name;
  private final RequestLog requests;
  private final EchoRetry retries;

  /** What the client spoke: {@code HTTP/1.1}, or {@code HTTP/2.0} on an h2c stream. */
  private final String protocol;

  private HttpRequest request;

  /** On a TLS connection, what its handshake showed (see {@link EchoTls}); null in clear text. */
  private Map<String, Object> tls;

  /** Set once the connection switched to WebSocket. */
  private EchoWebSocket webSocket;

  private long bodyLength;
  private MessageDigest digest;

  /** Answers not yet written, in the order of their requests. */
  private final ArrayDeque<Answer> waiting = new ArrayDeque<>();

  /** A wake-up is planned for the first waiting answer. */
  private boolean holding;

  EchoHandler(String name, RequestLog requests, EchoRetry retries, String protocol) {
    this.name = name;
    this.requests = requests;
    this.retries = retries;
    this.protocol = protocol;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof WebSocketFrame frame) {
        if (webSocket != null) {
          webSocket.onFrame(ctx, frame);
        }
        return;
      }
      if (webSocket != null) {
        return; // the rest of the handshake request, decoded before the codec was swapped
      }
      if (msg instanceof HttpRequest head && EchoWebSocket.isUpgrade(head)) {
        requests.record(head.method().name(), head.uri());
        webSocket = EchoWebSocket.accept(ctx, head, name);
        return;
      }
      if (msg instanceof HttpRequest head) {
        if (head.decoderResult().isFailure()) {
          respond(
              ctx,
              HttpResponseStatus.BAD_REQUEST,
              "{\"error\":\"bad request\"}",
              Map.of(),
              false,
              false);
          return;
        }
        request = head;
        bodyLength = 0;
        digest = sha256();
        tls = EchoTls.describe(ctx.channel());
      }
      if (msg instanceof HttpContent content && request != null) {
        bodyLength += content.content().readableBytes();
        digest.update(content.content().nioBuffer());
        if (content instanceof LastHttpContent last) {
          HttpRequest done = request;
          request = null;
          answer(ctx, done, last.trailingHeaders());
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /**
   * Answers now, or after the request's {@code delay}. Answers on one connection keep the order of
   * their requests: one that is due sooner waits for a delayed one before it.
   */
  private void answer(ChannelHandlerContext ctx, HttpRequest done, HttpHeaders requestTrailers) {
    boolean keepAlive = HttpUtil.isKeepAlive(done);
    boolean http10 = done.protocolVersion().minorVersion() == 0;
    Duration delay;
    Runnable reply;
    try {
      delay = EchoDelay.of(done.uri());
      EchoRetry.Failure failure = retries.attempt(done.uri());
      if (failure != null) {
        delay = failure.delay();
        reply = () -> fail(ctx, done, failure, keepAlive, http10);
      } else {
        // The body's hash is taken now: the handler's state belongs to the next request.
        String json = describe(done);
        Map<String, String> extraHeaders = requested(done, SET_HEADER);
        Map<String, String> trailers = requested(done, SET_TRAILER);
        requestTrailers.forEach(t -> trailers.putIfAbsent(t.getKey(), t.getValue()));
        reply =
            () -> {
              requests.record(done.method().name(), done.uri());
              respond(ctx, HttpResponseStatus.OK, json, extraHeaders, trailers, keepAlive, http10);
            };
      }
    } catch (IllegalArgumentException e) {
      // As the conformance echo backend answers a delay it cannot read.
      delay = Duration.ZERO;
      String json = JSON.createObjectNode().put("error", e.getMessage()).toString();
      reply =
          () ->
              respond(
                  ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, json, Map.of(), keepAlive, http10);
    }
    waiting.add(new Answer(System.nanoTime() + delay.toNanos(), reply));
    if (!holding) {
      writeDue(ctx);
    }
  }

  /**
   * A simulated failure (see {@link EchoRetry}), recorded like an answer so that tests can count
   * the attempts a proxy made.
   */
  private void fail(
      ChannelHandlerContext ctx,
      HttpRequest done,
      EchoRetry.Failure failure,
      boolean keepAlive,
      boolean http10) {
    requests.record(done.method().name(), done.uri());
    if (failure.resets()) {
      // Linger 0 makes close send RST instead of FIN, as the upstream simulator aborts connections.
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      ctx.close();
      return;
    }
    String json =
        JSON.createObjectNode()
            .put("name", name)
            .put("path", done.uri())
            .put(
                "error", "simulated failure " + failure.attempt() + " of " + failure.succeedAfter())
            .toString();
    respond(ctx, HttpResponseStatus.valueOf(failure.status()), json, Map.of(), keepAlive, http10);
  }

  /** Writes the answers that are due, in order, and plans a wake-up for the first that is not. */
  private void writeDue(ChannelHandlerContext ctx) {
    while (!waiting.isEmpty()) {
      long left = waiting.peek().due() - System.nanoTime();
      if (left > 0) {
        holding = true;
        ctx.executor()
            .schedule(
                () -> {
                  holding = false;
                  writeDue(ctx);
                },
                left,
                TimeUnit.NANOSECONDS);
        return;
      }
      waiting.poll().reply().run();
    }
  }

  /** An answer and when it may be written (System.nanoTime). */
  private record Answer(long due, Runnable reply) {}

  private String describe(HttpRequest head) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : head.headers()) {
      headers
          .computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(header.getValue());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("method", head.method().name());
    body.put("path", head.uri());
    body.put("host", head.headers().get(HttpHeaderNames.HOST));
    body.put("protocol", protocol);
    body.put("headers", headers);
    body.put("bodyLength", bodyLength);
    body.put("bodySha256", HexFormat.of().formatHex(digest.digest()));
    if (tls != null) {
      body.put("tls", tls);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  /**
   * The response headers a client asks for with {@code X-Echo-Set-Header: Name:value,Name2:value2},
   * as the Gateway API conformance echo backend offers, so that tests can see what the proxy does
   * to headers coming from a backend; with {@code X-Echo-Set-Trailer}, the response trailers.
   */
  private static Map<String, String> requested(HttpRequest head, String field) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String list : head.headers().getAll(field)) {
      for (String pair : list.split(",")) {
        int colon = pair.indexOf(':');
        if (colon > 0) {
          result.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
      }
    }
    return result;
  }

  private void respond(
      ChannelHandlerContext ctx,
      HttpResponseStatus status,
      String json,
      Map<String, String> extraHeaders,
      boolean keepAlive,
      boolean http10) {
    respond(ctx, status, json, extraHeaders, Map.of(), keepAlive, http10);
  }

  /**
   * @param trailers response trailers: the request's trailers and those it asked for; over HTTP/1.1
   *     they make the response chunked
   */
  private void respond(
      ChannelHandlerContext ctx,
      HttpResponseStatus status,
      String json,
      Map<String, String> extraHeaders,
      Map<String, String> trailers,
      boolean keepAlive,
      boolean http10) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.wrappedBuffer(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    extraHeaders.forEach((name, value) -> response.headers().add(name, value));
    if (!trailers.isEmpty() && !http10) {
      response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
      response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      trailers.forEach((name, value) -> response.trailingHeaders().add(name, value));
    }
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      if (http10) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
      ctx.writeAndFlush(response);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
