package dev.lintel.operator.standalone;

import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.server.ProxyOptions;
import dev.lintel.proxy.server.ProxyServer;
import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.CertificatePem;
import dev.lintel.proxy.tls.InMemoryCertificateSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The in-process proxies of standalone mode: one {@link ProxyServer} per Gateway, bound to that
 * Gateway's address, listener port P on P + offset.
 */
final class GatewayProxies implements AutoCloseable {
  private final int portOffset;
  private final MeterRegistry meterRegistry;
  private final Map<ObjectRef, ProxyServer> proxies = new HashMap<>();
  private final Map<ObjectRef, String> addresses = new HashMap<>();

  /** Per Gateway: the certificates and CA bundles its config names, handed over in-process. */
  private final Map<ObjectRef, InMemoryCertificateSource> certificates = new HashMap<>();

  GatewayProxies(int portOffset, MeterRegistry meterRegistry) {
    this.portOffset = portOffset;
    this.meterRegistry = meterRegistry;
  }

  /**
   * Applies a Gateway's config to its proxy, starting the proxy (or restarting it on a new address)
   * when needed. On failure the proxy keeps its previous config and the exception says why.
   *
   * @param material the certificates the config names, by reference: a changed one is served from
   *     the next handshake on, even when the config itself did not change
   * @param caBundles the CA bundles the config names, by reference; likewise
   */
  synchronized void apply(
      ObjectRef gateway,
      String address,
      ProxyConfig config,
      Map<String, CertificatePem> material,
      Map<String, CaBundlePem> caBundles)
      throws Exception {
    ProxyServer proxy = proxies.get(gateway);
    if (proxy != null && !address.equals(addresses.get(gateway))) {
      proxy.close();
      proxies.remove(gateway);
      proxy = null;
    }
    if (proxy == null) {
      ProxyOptions options =
          ProxyOptions.defaults()
              .withBindAddress(InetAddress.getByName(address))
              .withPortMapping(port -> port + portOffset)
              .withMeterRegistry(meterRegistry);
      InMemoryCertificateSource source = new InMemoryCertificateSource();
      proxy = new ProxyServer(options, source);
      proxies.put(gateway, proxy);
      addresses.put(gateway, address);
      certificates.put(gateway, source);
    }
    certificates.get(gateway).replaceAll(material, caBundles);
    proxy.apply(config);
  }

  /** Stops the proxy of one Gateway, if it runs. */
  synchronized void stop(ObjectRef gateway) {
    ProxyServer proxy = proxies.remove(gateway);
    if (proxy != null) {
      proxy.close();
    }
    addresses.remove(gateway);
  }

  /** Stops the proxies of Gateways that are gone. */
  synchronized void retainOnly(Set<ObjectRef> gateways) {
    proxies
        .entrySet()
        .removeIf(
            entry -> {
              if (gateways.contains(entry.getKey())) {
                return false;
              }
              entry.getValue().close();
              addresses.remove(entry.getKey());
              certificates.remove(entry.getKey());
              return true;
            });
  }

  synchronized Map<Integer, Integer> boundPorts(ObjectRef gateway) {
    ProxyServer proxy = proxies.get(gateway);
    return proxy == null ? Map.of() : proxy.boundPorts();
  }

  @Override
  public synchronized void close() {
    proxies.values().forEach(ProxyServer::close);
    proxies.clear();
  }
}
