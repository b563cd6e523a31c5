package dev.lintel.proxy.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * How a {@link ProxyServer} runs.
 *
 * @param bindAddress the address every listener binds
 * @param portMapping config listener port -> port to bind; a result of 0 binds an ephemeral port
 *     (see {@link ProxyServer#boundPorts()})
 * @param eventLoopThreads event loops, shared by listeners, client and upstream connections
 * @param upstreamResponseTimeout how long an upstream may take to start its response before the
 *     client gets 504
 * @param meterRegistry where the proxy's meters are registered
 */
public record ProxyOptions(
    InetAddress bindAddress,
    IntUnaryOperator portMapping,
    int eventLoopThreads,
    Duration upstreamResponseTimeout,
    MeterRegistry meterRegistry) {

  public ProxyOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(portMapping, "portMapping");
    Objects.requireNonNull(upstreamResponseTimeout, "upstreamResponseTimeout");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    if (eventLoopThreads < 1) {
      throw new IllegalArgumentException("eventLoopThreads must be >= 1: " + eventLoopThreads);
    }
    if (upstreamResponseTimeout.isNegative() || upstreamResponseTimeout.isZero()) {
      throw new IllegalArgumentException("upstreamResponseTimeout must be positive");
    }
  }

  /**
   * All addresses, ports as configured, one event loop per CPU, 60 s upstream response timeout, a
   * private {@link SimpleMeterRegistry}.
   */
  public static ProxyOptions defaults() {
    return new ProxyOptions(
        anyAddress(),
        IntUnaryOperator.identity(),
        Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(60),
        new SimpleMeterRegistry());
  }

  public ProxyOptions withBindAddress(InetAddress bindAddress) {
    return new ProxyOptions(
        bindAddress, portMapping, eventLoopThreads, upstreamResponseTimeout, meterRegistry);
  }

  public ProxyOptions withPortMapping(IntUnaryOperator portMapping) {
    return new ProxyOptions(
        bindAddress, portMapping, eventLoopThreads, upstreamResponseTimeout, meterRegistry);
  }

  public ProxyOptions withEventLoopThreads(int eventLoopThreads) {
    return new ProxyOptions(
        bindAddress, portMapping, eventLoopThreads, upstreamResponseTimeout, meterRegistry);
  }

  public ProxyOptions withUpstreamResponseTimeout(Duration upstreamResponseTimeout) {
    return new ProxyOptions(
        bindAddress, portMapping, eventLoopThreads, upstreamResponseTimeout, meterRegistry);
  }

  public ProxyOptions withMeterRegistry(MeterRegistry meterRegistry) {
    return new ProxyOptions(
        bindAddress, portMapping, eventLoopThreads, upstreamResponseTimeout, meterRegistry);
  }

  private static InetAddress anyAddress() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (UnknownHostException e) {
      throw new AssertionError("a 4-byte address is always valid", e);
    }
  }
}
