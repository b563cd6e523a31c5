package dev.lintel.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of one proxy server. Names follow Micrometer's dotted convention; a Prometheus registry
 * exports them as {@code lintel_proxy_requests_total{code="2xx"}} and so on.
 */
public final class ProxyMetrics {
  public static final String REQUESTS = "lintel.proxy.requests";
  public static final String UPSTREAM_ERRORS = "lintel.proxy.upstream.errors";
  public static final String CONFIG_RELOADS = "lintel.proxy.config.reloads";
  public static final String ACTIVE_CONNECTIONS = "lintel.proxy.connections.active";

  /** Index = status / 100; slot 0 collects anything out of range. */
  private final Counter[] responsesByClass = new Counter[6];

  private final Counter[] upstreamErrors = new Counter[UpstreamError.values().length];
  private final Counter reloadSuccess;
  private final Counter reloadFailure;
  private final AtomicInteger activeConnections = new AtomicInteger();

  public ProxyMetrics(MeterRegistry registry) {
    for (int i = 0; i < responsesByClass.length; i++) {
      responsesByClass[i] =
          Counter.builder(REQUESTS)
              .description("Responses sent to clients, by status class")
              .tag("code", i == 0 ? "other" : i + "xx")
              .register(registry);
    }
    for (UpstreamError error : UpstreamError.values()) {
      upstreamErrors[error.ordinal()] =
          Counter.builder(UPSTREAM_ERRORS)
              .description("Requests that failed because of the upstream")
              .tag("reason", error.tag)
              .register(registry);
    }
    reloadSuccess = reloads(registry, "success");
    reloadFailure = reloads(registry, "failure");
    Gauge.builder(ACTIVE_CONNECTIONS, activeConnections, AtomicInteger::get)
        .description("Open client connections")
        .register(registry);
  }

  private static Counter reloads(MeterRegistry registry, String result) {
    return Counter.builder(CONFIG_RELOADS)
        .description("Config reloads, by result")
        .tag("result", result)
        .register(registry);
  }

  public void response(int status) {
    int index = status / 100;
    responsesByClass[index >= 1 && index <= 5 ? index : 0].increment();
  }

  public void upstreamError(UpstreamError error) {
    upstreamErrors[error.ordinal()].increment();
  }

  public void connectionOpened() {
    activeConnections.incrementAndGet();
  }

  public void connectionClosed() {
    activeConnections.decrementAndGet();
  }

  public void reloadSucceeded() {
    reloadSuccess.increment();
  }

  public void reloadFailed() {
    reloadFailure.increment();
  }
}
