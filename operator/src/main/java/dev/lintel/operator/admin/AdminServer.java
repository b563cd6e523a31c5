package dev.lintel.operator.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A small HTTP server for GET endpoints whose bodies are computed on request. Anything but GET/HEAD
 * is 405; unknown paths are 404.
 */
public final class AdminServer implements AutoCloseable {
  /** A computed response. */
  public record Response(int status, String contentType, String body) {
    public static Response json(String body) {
      return new Response(200, "application/json", body);
    }

    /** A Prometheus text-format scrape. */
    public static Response prometheus(String scrape) {
      return new Response(200, "text/plain; version=0.0.4; charset=utf-8", scrape);
    }

    public static Response text(int status, String body) {
      return new Response(status, "text/plain; charset=utf-8", body);
    }
  }

  private final Map<String, Supplier<Response>> endpoints = new LinkedHashMap<>();
  private final String host;
  private final int port;
  private HttpServer server;

  public AdminServer(String host, int port) {
    this.host = host;
    this.port = port;
  }

  public AdminServer endpoint(String path, Supplier<Response> handler) {
    endpoints.put(path, handler);
    return this;
  }

  /** Starts serving; returns the bound port. */
  public int start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "lintel-admin");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Response response;
    String method = exchange.getRequestMethod();
    Supplier<Response> handler = endpoints.get(exchange.getRequestURI().getPath());
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response = Response.text(405, "method not allowed\n");
    } else if (handler == null) {
      response =
          Response.text(
              404, "not found; endpoints: " + String.join(" ", endpoints.keySet()) + "\n");
    } else {
      try {
        response = handler.get();
      } catch (RuntimeException e) {
        response = Response.text(500, "internal error: " + e + "\n");
      }
    }
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    boolean head = method.equals("HEAD");
    exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
