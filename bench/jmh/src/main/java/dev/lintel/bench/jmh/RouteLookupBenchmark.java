package dev.lintel.bench.jmh;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.routing.CompiledRoute;
import dev.lintel.proxy.routing.ListenerRoutes;
import dev.lintel.proxy.routing.RoutingCompiler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost of routing: Host normalization, hostname map, path index. Compare the 10
 * and 10,000 rows: the design promises that request cost does not grow with the number of routes.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteLookupBenchmark {
  @Param({"10", "10000"})
  public int routes;

  private ListenerRoutes table;
  private String lastHost;
  private String lastUri;

  @Setup
  public void compile() throws ConfigException {
    table = RoutingCompiler.compile(BenchConfigs.config(routes)).listener(BenchConfigs.PORT);
    lastHost = BenchConfigs.host(routes - 1) + ":8080";
    lastUri = BenchConfigs.path(routes - 1) + "/items/42?page=2";
    // A benchmark of a lookup that misses would measure nothing useful: check once.
    if (lastRoute() == null || unknownHost() != null) {
      throw new IllegalStateException("route table does not route as the benchmark expects");
    }
  }

  /** The last route of the config, the one S6 sends its traffic to. */
  @Benchmark
  public CompiledRoute lastRoute() {
    return table.find(lastHost, lastUri);
  }

  /** A host no route serves: answered 404. */
  @Benchmark
  public CompiledRoute unknownHost() {
    return table.find("unknown.example.com", lastUri);
  }
}
