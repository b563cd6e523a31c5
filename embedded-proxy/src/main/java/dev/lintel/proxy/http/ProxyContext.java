package dev.lintel.proxy.http;

import dev.lintel.proxy.metrics.ProxyMetrics;
import dev.lintel.proxy.routing.RoutingTables;
import dev.lintel.proxy.upstream.UpstreamPool;
import java.util.function.Supplier;

/**
 * What the handlers of one proxy server share.
 *
 * @param routing the current tables; read once at the start of each request, so a request finishes
 *     on the tables it started with even when a reload swaps them meanwhile
 * @param pool upstream connections
 * @param metrics the server's meters
 * @param responseTimeoutNanos how long the upstream may take to start its response (then 504)
 */
public record ProxyContext(
    Supplier<RoutingTables> routing,
    UpstreamPool pool,
    ProxyMetrics metrics,
    long responseTimeoutNanos,
    ResponseDeadlines.PerLoop deadlines) {
  public ProxyContext(
      Supplier<RoutingTables> routing,
      UpstreamPool pool,
      ProxyMetrics metrics,
      long responseTimeoutNanos) {
    this(
        routing,
        pool,
        metrics,
        responseTimeoutNanos,
        new ResponseDeadlines.PerLoop(responseTimeoutNanos));
  }
}
