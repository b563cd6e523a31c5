package dev.lintel.bench.jmh;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.routing.RoutingCompiler;
import dev.lintel.proxy.routing.RoutingTables;
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
 * What a reload costs before the swap: strict parse + validation of the config text (JSON, the form
 * the operator renders, and YAML), then compilation into routing tables. S8's apply latency cannot
 * be lower than {@link #parseAndCompile}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConfigLoadBenchmark {
  @Param({"10000"})
  public int routes;

  @Param({"json", "yaml"})
  public String format;

  private final ConfigParser parser = new ConfigParser();
  private String text;
  private ProxyConfig parsed;

  @Setup
  public void render() throws ConfigException {
    text = BenchConfigs.text(routes, format);
    parsed = parser.parse(text);
    int served = parsed.listeners().get(0).virtualHosts().size();
    if (served != routes) {
      throw new IllegalStateException("config has " + served + " hosts, expected " + routes);
    }
  }

  @Benchmark
  public ProxyConfig parse() throws ConfigException {
    return parser.parse(text);
  }

  @Benchmark
  public RoutingTables compile() throws ConfigException {
    return RoutingCompiler.compile(parsed);
  }

  @Benchmark
  public RoutingTables parseAndCompile() throws ConfigException {
    return RoutingCompiler.compile(parser.parse(text));
  }
}
