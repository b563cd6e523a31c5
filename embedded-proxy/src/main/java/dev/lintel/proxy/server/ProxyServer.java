package dev.lintel.proxy.server;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.http.ProxyChannelInitializer;
import dev.lintel.proxy.http.ProxyContext;
import dev.lintel.proxy.http.UpstreamChannelInitializer;
import dev.lintel.proxy.http.UpstreamStreamInitializer;
import dev.lintel.proxy.metrics.ProxyMetrics;
import dev.lintel.proxy.routing.RoutingCompiler;
import dev.lintel.proxy.routing.RoutingTables;
import dev.lintel.proxy.tls.CertificateSource;
import dev.lintel.proxy.tls.CertificateStore;
import dev.lintel.proxy.tls.InMemoryCertificateSource;
import dev.lintel.proxy.tls.TlsTables;
import dev.lintel.proxy.upstream.UpstreamPool;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded proxy: listeners bound from a {@link ProxyConfig}, serving HTTP/1.1 and HTTP/2 (in
 * clear text or inside TLS) through the compiled routing tables. One event loop group serves
 * listeners, client connections and upstream connections.
 *
 * <p>Reload model: {@link #apply} compiles the new tables on the caller's thread, binds the ports
 * the new config adds, swaps one reference, then unbinds the ports it removes. Requests read the
 * reference once when their head arrives, so in-flight requests finish on the tables they started
 * with, and no request ever sees half a config.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
  static final Duration UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final ProxyOptions options;
  private final Transport transport;
  private final EventLoopGroup group;
  private final ProxyMetrics metrics;
  private final ProxyContext context;

  /** Remembers the last compile, so that a reload compiles only the virtual hosts it changes. */
  private final RoutingCompiler compiler = new RoutingCompiler();

  private volatile RoutingTables tables = RoutingTables.empty();

  /** Certificates per HTTPS port; swapped by config changes and by certificate changes. */
  private volatile TlsTables tls = TlsTables.empty();

  private final CertificateStore certificates;
  private volatile ProxyConfig current;
  private volatile Map<Integer, Integer> boundPorts = Map.of();
  private volatile long generation;

  /** Config port -> listening channel; guarded by {@code this}. */
  private final Map<Integer, Channel> listeners = new HashMap<>();

  private volatile boolean closed;

  private final PooledByteBufAllocator allocator;

  /**
   * One arena per event loop, shared by client and upstream channels. Netty's default allocator has
   * two per core, and a thread outside the loops that allocates opens a second arena whose 4 MiB
   * chunk then stays resident (9 MiB of RSS at 1,000 routes with one event loop).
   */
  private static PooledByteBufAllocator allocatorFor(int eventLoops) {
    return new PooledByteBufAllocator(
        true,
        eventLoops,
        eventLoops,
        PooledByteBufAllocator.defaultPageSize(),
        PooledByteBufAllocator.defaultMaxOrder(),
        PooledByteBufAllocator.defaultSmallCacheSize(),
        PooledByteBufAllocator.defaultNormalCacheSize(),
        PooledByteBufAllocator.defaultUseCacheForAllThreads());
  }

  /** A proxy without certificates: enough for clear-text listeners. */
  public ProxyServer(ProxyOptions options) {
    this(options, new InMemoryCertificateSource());
  }

  /**
   * @param certificateSource the material of the certificates that HTTPS listeners reference
   */
  public ProxyServer(ProxyOptions options, CertificateSource certificateSource) {
    this.options = options;
    this.certificates = new CertificateStore(certificateSource, next -> tls = next);
    this.transport = Transport.best();
    this.group = transport.newEventLoopGroup(options.eventLoopThreads(), "lintel-proxy");
    this.metrics = new ProxyMetrics(options.meterRegistry());
    this.allocator = allocatorFor(options.eventLoopThreads());
    UpstreamPool pool =
        new UpstreamPool(
            transport.channelType(),
            new UpstreamChannelInitializer(),
            new UpstreamStreamInitializer(),
            UPSTREAM_CONNECT_TIMEOUT,
            allocator,
            (settings, h2) -> h2 ? tls.upstreamH2(settings) : tls.upstream(settings));
    this.context =
        new ProxyContext(() -> tables, pool, metrics, options.upstreamResponseTimeout().toNanos());
  }

  /**
   * Compiles off the event loop, binds new listener ports, unbinds removed ones, swaps the tables
   * atomically; in-flight requests finish on the tables they started with. Throws if a port cannot
   * be bound (and then keeps the previous config fully in force). Applying a config equal to the
   * current one does nothing.
   */
  public synchronized void apply(ProxyConfig config) throws ConfigException, IOException {
    if (closed) {
      throw new IllegalStateException("proxy server is closed");
    }
    if (config.equals(current)) {
      metrics.reloadSucceeded();
      return;
    }
    RoutingTables compiled;
    Map<Integer, Channel> added;
    try {
      compiled = compiler.recompile(config);
      certificates.prepare(config);
      added = bindAdded(config);
    } catch (ConfigException | IOException | RuntimeException e) {
      metrics.reloadFailed();
      throw e;
    }
    // TLS first: a connection accepted in between must not take an HTTPS port for clear text.
    certificates.publish(config);
    tables = compiled;
    current = config;
    generation++;
    // New listeners accept only now, so their first connection already sees the new tables.
    for (Channel channel : added.values()) {
      channel.config().setAutoRead(true);
    }
    listeners.putAll(added);
    List<Integer> removed = new ArrayList<>();
    for (Integer port : listeners.keySet()) {
      if (config.listeners().stream().noneMatch(l -> l.port() == port)) {
        removed.add(port);
      }
    }
    for (Integer port : removed) {
      // Waited for, so that when apply returns the port is really free (a re-added listener or
      // another process can bind it at once). Only the server socket closes: accepted
      // connections keep running on the snapshot they started with.
      listeners.remove(port).close().syncUninterruptibly();
    }
    Map<Integer, Integer> ports = new TreeMap<>();
    listeners.forEach((port, channel) -> ports.put(port, localPort(channel)));
    boundPorts = Collections.unmodifiableMap(ports);
    metrics.reloadSucceeded();
    if (!added.isEmpty() || !removed.isEmpty()) {
      LOG.info(
          "Proxy config for {} applied: listening on {} (config port -> bound port), transport {}",
          config.gateway(),
          boundPorts,
          transport.name());
    }
  }

  private Map<Integer, Channel> bindAdded(ProxyConfig config) throws IOException {
    Map<Integer, Channel> added = new LinkedHashMap<>();
    try {
      for (Listener listener : config.listeners()) {
        if (!listeners.containsKey(listener.port())) {
          added.put(listener.port(), bind(listener.port()));
        }
      }
    } catch (IOException | RuntimeException e) {
      added.values().forEach(Channel::close);
      throw e;
    }
    return added;
  }

  private Channel bind(int configPort) throws IOException {
    int port = options.portMapping().applyAsInt(configPort);
    InetSocketAddress address = new InetSocketAddress(options.bindAddress(), port);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannelType())
            // Accepting starts only once the new tables are in place (see apply).
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, allocator)
            .childHandler(new ProxyChannelInitializer(context, configPort, () -> tls));
    ChannelFuture future = bootstrap.bind(address).awaitUninterruptibly();
    if (!future.isSuccess()) {
      throw new IOException(
          "cannot bind " + address + " for listener port " + configPort + ": " + future.cause(),
          future.cause());
    }
    return future.channel();
  }

  private static int localPort(Channel channel) {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The config in force, or null before the first successful apply. */
  public ProxyConfig currentConfig() {
    return current;
  }

  /** Config port -> actually bound port (differs under port mapping or when binding port 0). */
  public Map<Integer, Integer> boundPorts() {
    return boundPorts;
  }

  /** True after a successful apply and until close: the proxy serves a config. */
  public boolean isReady() {
    return current != null && !closed;
  }

  /** Number of table swaps so far; an apply of an identical config does not change it. */
  public long configGeneration() {
    return generation;
  }

  /** The server's meters, for config sources that count their own failures. */
  ProxyMetrics metrics() {
    return metrics;
  }

  /** Stops listening, closes every connection and the event loops. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    listeners.values().forEach(Channel::close);
    listeners.clear();
    boundPorts = Map.of();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
