package dev.lintel.bench.jmh;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.routing.CompiledRoute;
import dev.lintel.proxy.routing.ListenerRoutes;
import dev.lintel.proxy.routing.RequestAttributes;
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
 * The per-request cost of routing: Host normalization, hostname map, path index, and route
 * conditions (method, headers, regular expressions) where routes have them. Compare the 10 and
 * 10,000 rows: the design promises that request cost does not grow with the number of routes.
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
  private ListenerRoutes conditionsTable;
  private String lastHost;
  private String lastUri;
  private RequestAttributes lastRequest;
  private RequestAttributes regexRequest;

  @Setup
  public void compile() throws ConfigException {
    table = RoutingCompiler.compile(BenchConfigs.config(routes)).listener(BenchConfigs.PORT);
    conditionsTable =
        RoutingCompiler.compile(BenchConfigs.configWithConditions(routes))
            .listener(BenchConfigs.PORT);
    lastHost = BenchConfigs.host(routes - 1) + ":8080";
    lastUri = BenchConfigs.path(routes - 1) + "/items/42?page=2";
    lastRequest = new BenchRequest(lastUri);
    regexRequest = new BenchRequest(BenchConfigs.path(routes - 1) + "/42?page=2");
    // A benchmark of a lookup that misses would measure nothing useful: check once.
    String lastName = "bench/" + BenchConfigs.host(routes - 1) + BenchConfigs.path(routes - 1);
    if (lastRoute() == null
        || unknownHost() != null
        || conditionsLastRoute() == null
        || !conditionsLastRoute().name().equals(lastName)
        || conditionsRegexRoute() == null
        || !conditionsRegexRoute().name().equals(lastName + "/regex")
        || conditionsTable.find(lastHost, lastUri) != null) {
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

  /**
   * The last route of S6 as Lintel serves it with conditions: the regular expression route's path
   * is tried and misses, the decoy's header pattern rejects the request, then method and header of
   * the route itself are checked.
   */
  @Benchmark
  public CompiledRoute conditionsLastRoute() {
    return conditionsTable.find(lastHost, lastRequest);
  }

  /** The same host's RegularExpression route: its path pattern, method and header all match. */
  @Benchmark
  public CompiledRoute conditionsRegexRoute() {
    return conditionsTable.find(lastHost, regexRequest);
  }

  /** A GET with {@code x-bench: 1}, as S6's load sends it. */
  private record BenchRequest(String target) implements RequestAttributes {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String header(String lowerCaseName) {
      return BenchConfigs.HEADER.equals(lowerCaseName) ? BenchConfigs.HEADER_VALUE : null;
    }
  }
}
