package dev.lintel.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.Endpoint;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.VirtualHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The route sets of the benchmarks, shaped like the ones bench/harness/routes.py gives the proxies
 * in S6: host {@code h<i>.bench.local} with one PathPrefix route {@code /r<i>}, all to one backend.
 */
final class BenchConfigs {
  static final int PORT = 8080;

  private BenchConfigs() {}

  static String host(int i) {
    return "h" + i + ".bench.local";
  }

  static String path(int i) {
    return "/r" + i;
  }

  static ProxyConfig config(int routes) {
    List<Backend> backends =
        List.of(new Backend("bench/backend:80", 1, List.of(new Endpoint("127.0.0.1", 9000)), null));
    List<VirtualHost> hosts = new ArrayList<>(routes);
    for (int i = 0; i < routes; i++) {
      Route route =
          new Route(
              "bench/" + host(i) + path(i),
              RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, path(i))),
              backends);
      hosts.add(new VirtualHost(host(i), List.of(host(i)), List.of(route)));
    }
    return new ProxyConfig(
        ProxyConfig.CURRENT_VERSION,
        "bench/bench",
        List.of(new Listener("bench", PORT, Protocol.HTTP, hosts)));
  }

  /**
   * The config as the text a proxy reads, written by Jackson field by field: {@code json} (the form
   * the operator renders) or {@code yaml} (block style, as written by hand).
   */
  static String text(int routes, String format) {
    ObjectMapper mapper =
        switch (format) {
          case "json" -> new ObjectMapper();
          case "yaml" -> new YAMLMapper();
          default -> throw new IllegalArgumentException("unknown format " + format);
        };
    try {
      return mapper.writeValueAsString(config(routes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("records always serialize", e);
    }
  }
}
