package dev.lintel.bench.jmh;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.routing.RoutingCompiler;
import dev.lintel.proxy.routing.RoutingTables;
import java.nio.charset.StandardCharsets;
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
 * The whole reload path of S8 as the file watcher runs it: the file's bytes, strict parse and
 * validation, compilation into routing tables. Each invocation applies the config the previous one
 * did not (the route set with or without one extra host), as a real reload that adds a host does.
 * Run: {@code java -jar bench/jmh/target/benchmarks.jar ReloadBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1", "-Xms64m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReloadBenchmark {
  @Param({"1000", "10000"})
  public int routes;

  private final ConfigParser parser = new ConfigParser();
  private final RoutingCompiler compiler = new RoutingCompiler();
  private final byte[][] texts = new byte[2][];
  private int next;

  @Setup
  public void render() {
    texts[0] = BenchConfigs.text(routes, "json").getBytes(StandardCharsets.UTF_8);
    texts[1] = BenchConfigs.text(routes + 1, "json").getBytes(StandardCharsets.UTF_8);
  }

  /** As the proxy reloads: bytes to the parser, a compiler that reuses unchanged hosts. */
  @Benchmark
  public RoutingTables reload() throws ConfigException {
    byte[] bytes = texts[next];
    next ^= 1;
    return compiler.recompile(parser.parse(bytes));
  }

  /** The reload path before incremental compilation and byte parsing, for comparison. */
  @Benchmark
  public RoutingTables reloadFromText() throws ConfigException {
    byte[] bytes = texts[next];
    next ^= 1;
    return RoutingCompiler.compile(parser.parse(new String(bytes, StandardCharsets.UTF_8)));
  }
}
