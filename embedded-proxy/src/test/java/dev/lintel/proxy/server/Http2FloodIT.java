package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.h2.Http2Limits;
import dev.lintel.proxy.testing.H2Client;
import dev.lintel.proxy.testing.RawH2Connection;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/2 floods against the proxy: each must end the flooding connection (GOAWAY and close) within
 * its limit, while another client on its own connection keeps being answered throughout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2FloodIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** How long a flooding connection may last: the limits end it in a fraction of that. */
  private static final Duration FLOOD_LIMIT = Duration.ofSeconds(10);

  private static EchoServer echo;
  private ProxyServer proxy;
  private int port;

  @BeforeAll
  static void startBackend() {
    echo = new EchoServer(LOOPBACK, 0, "echo");
    echo.start();
  }

  @AfterAll
  static void stopBackend() {
    echo.close();
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1)
                .withUpstreamResponseTimeout(Duration.ofSeconds(5)));
    proxy.apply(
        config(
            listener(8080, anyHost(prefix("all", "/", backend("echo", 1, local(echo.port())))))));
    port = proxy.boundPorts().get(8080);
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** One round of a flood: frames for one stream. */
  private interface Flood {
    void round(RawH2Connection connection, int streamId) throws IOException;
  }

  /**
   * Runs flooding connections one after another for a while, with a well-behaved client sending
   * requests on its own connection all along; asserts that every flooding connection was ended with
   * GOAWAY ENHANCE_YOUR_CALM (or, where the limit answers otherwise, closed) long before its flood
   * was through, and that every request of the other client was answered 200.
   */
  private void floodWhileAnotherClientIsServed(Flood flood, Long expectedGoAway) throws Exception {
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    List<Integer> failures = new ArrayList<>();
    List<Long> goAways = new ArrayList<>();
    CompletableFuture<Void> other =
        CompletableFuture.runAsync(
            () -> {
              try (H2Client client = H2Client.connect(port)) {
                int i = 0;
                while (flooding.get() || answered.get() < 20) {
                  int status =
                      client
                          .send(H2Client.get("example.com", "/other/" + i++))
                          .get(5, TimeUnit.SECONDS)
                          .status();
                  if (status == 200) {
                    answered.incrementAndGet();
                  } else {
                    synchronized (failures) {
                      failures.add(status);
                    }
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      for (int connection = 0; connection < 5; connection++) {
        try (RawH2Connection flooder = RawH2Connection.connect(port)) {
          long deadline = System.nanoTime() + FLOOD_LIMIT.toNanos();
          try {
            for (int streamId = 1;
                !flooder.isClosed() && !flooder.goAway.isDone() && System.nanoTime() < deadline;
                streamId += 2) {
              flood.round(flooder, streamId);
            }
          } catch (IOException e) {
            // the proxy closed the connection under the flood
          }
          // A flood the proxy did not stop would have run until the deadline, the socket open.
          flooder.closed.get(5, TimeUnit.SECONDS);
          assertThat(System.nanoTime()).isLessThan(deadline);
          // Its GOAWAY may be lost to the TCP reset of a close with unread input; when it
          // arrives, it names an error (which limit struck first may vary: a reset of a stream
          // the proxy refused, say, is a PROTOCOL_ERROR of the flooder's own).
          Long goAway = flooder.goAway.getNow(null);
          if (goAway != null) {
            assertThat(goAway.longValue()).isNotEqualTo(Http2Error.NO_ERROR.code());
          }
          goAways.add(goAway);
        }
      }
    } finally {
      flooding.set(false);
    }
    other.get(30, TimeUnit.SECONDS);
    if (expectedGoAway != null) {
      assertThat(goAways).contains(expectedGoAway);
    }
    assertThat(failures).isEmpty();
    assertThat(answered.get()).isGreaterThanOrEqualTo(20);
  }

  private static Http2Headers request(String method) {
    return new DefaultHttp2Headers()
        .method(method)
        .scheme("http")
        .authority("example.com")
        .path("/flood");
  }

  @Test
  void rapidResetEndsTheFloodingConnectionOnly() throws Exception {
    floodWhileAnotherClientIsServed(
        (connection, streamId) -> {
          connection.frame(
              RawH2Connection.HEADERS,
              RawH2Connection.END_HEADERS | RawH2Connection.END_STREAM,
              streamId,
              connection.headerBlock(request("GET")));
          connection.reset(streamId);
          connection.flush();
        },
        Http2Error.ENHANCE_YOUR_CALM.code());
  }

  @Test
  void madeYouResetEndsTheFloodingConnectionOnly() throws Exception {
    // A WINDOW_UPDATE of 0 on an open stream is a stream error: the server resets the stream
    // itself (CVE-2025-55163 makes the server do the resetting).
    floodWhileAnotherClientIsServed(
        (connection, streamId) -> {
          connection.frame(
              RawH2Connection.HEADERS,
              RawH2Connection.END_HEADERS,
              streamId,
              connection.headerBlock(request("POST")));
          connection.windowUpdate(streamId, 0);
          connection.flush();
        },
        Http2Error.ENHANCE_YOUR_CALM.code());
  }

  @Test
  void aContinuationFloodEndsTheConnection() throws Exception {
    floodWhileAnotherClientIsServed(
        new Flood() {
          @Override
          public void round(RawH2Connection connection, int streamId) throws IOException {
            if (streamId == 1) {
              connection.frame(RawH2Connection.HEADERS, 0, 1, new byte[] {(byte) 0x82});
            }
            // Tiny CONTINUATION frames that never end the header block.
            connection.frame(RawH2Connection.CONTINUATION, 0, 1, new byte[] {(byte) 0x84});
            connection.flush();
          }
        },
        null);
  }

  @Test
  void anOversizedHeaderListIsRefusedAndTheConnectionServesOn() throws Exception {
    try (RawH2Connection client = RawH2Connection.connect(port)) {
      Http2Headers huge =
          request("GET").set("x-big", "b".repeat(Http2Limits.MAX_HEADER_LIST_SIZE + 1000));
      byte[] block = client.headerBlock(huge);
      int first = 16_000;
      client.frame(
          RawH2Connection.HEADERS,
          RawH2Connection.END_STREAM,
          1,
          java.util.Arrays.copyOfRange(block, 0, first));
      client.frame(
          RawH2Connection.CONTINUATION,
          RawH2Connection.END_HEADERS,
          1,
          java.util.Arrays.copyOfRange(block, first, block.length));
      client.frame(
          RawH2Connection.HEADERS,
          RawH2Connection.END_HEADERS | RawH2Connection.END_STREAM,
          3,
          client.headerBlock(request("GET")));
      client.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((!client.statuses.containsKey(1) || !client.statuses.containsKey(3))
          && !client.isClosed()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(client.statuses.get(1))
          .as("stream 1 (resets %s, GOAWAY %s)", client.resetsReceived, client.goAway.getNow(null))
          .isEqualTo(431);
      assertThat(client.statuses.get(3)).isEqualTo(200);
    }
  }
}
