package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The upstream conformance test of WebSocket backends ({@code appProtocol: kubernetes.io/ws}), with
 * the JDK's WebSocket client. Upstream's echo pods send every message back unchanged; Lintel's echo
 * backend sends text back prefixed with its name ({@code <namespace/service>: <text>}), so the text
 * reply also tells which backend answered, and binary messages back unchanged.
 */
class HttpRouteWebSocketIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String ROUTE = "backend-protocol-ws";

  /** Upstream requires this many consecutive good connections. */
  private static final int CONSECUTIVE = 3;

  @Test
  void HTTPRouteBackendProtocolWebSocket() throws Exception {
    conformance.apply("httproute-backend-protocol-websocket.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, ROUTE);
    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);
    URI uri = URI.create("ws://" + gateway.authority() + "/ws");
    for (int i = 0; i < CONSECUTIVE; i++) {
      Messages received = new Messages();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .header("Origin", "ws://gateway/HTTPRouteBackendProtocolWebSocket")
              .buildAsync(uri, received)
              .get(5, TimeUnit.SECONDS);
      try {
        socket.sendText("Websocket Support!", true).get(5, TimeUnit.SECONDS);
        assertThat(received.next())
            .as("text reply")
            .isEqualTo(INFRA + "/infra-backend-v1: Websocket Support!");
        byte[] binary = {1, 2, 3, 4, 5, 6, 7};
        socket.sendBinary(ByteBuffer.wrap(binary), true).get(5, TimeUnit.SECONDS);
        assertThat(received.next()).as("binary reply").isEqualTo(binary);
      } finally {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Whole messages as they arrive: text as a String, binary as bytes. Parts of one message are
   * joined, as upstream's client reads whole messages.
   */
  private static final class Messages implements WebSocket.Listener {
    private final LinkedBlockingQueue<Object> whole = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        whole.add(text.toString());
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
      binary = joined.put(binary).put(data).flip();
      if (last) {
        byte[] bytes = new byte[binary.remaining()];
        binary.get(bytes);
        whole.add(bytes);
        binary = ByteBuffer.allocate(0);
      }
      socket.request(1);
      return null;
    }

    Object next() throws InterruptedException, ExecutionException, TimeoutException {
      Object message = whole.poll(5, TimeUnit.SECONDS);
      if (message == null) {
        throw new TimeoutException("no WebSocket message within 5s");
      }
      return message;
    }
  }
}
