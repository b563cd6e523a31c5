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
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
import dev.lintel.proxy.config.VirtualHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The route sets of the benchmarks, shaped like the ones bench/harness/routes.py gives the proxies
 * in S6: host {@code h<i>.bench.local} with one PathPrefix route {@code /r<i>}, all to one backend;
 * or, with conditions, the routes S6 gives Lintel ({@code RouteSet.lintel_matches}).
 */
final class BenchConfigs {
  static final int PORT = 8080;

  /** The header every conditional route requires, and the value the load sends. */
  static final String HEADER = "x-bench";

  static final String HEADER_VALUE = "1";

  /** Every REGEX_EVERY-th host, the last one among them, has a RegularExpression path route. */
  private static final int REGEX_EVERY = 10;

  private static final List<Backend> BACKENDS =
      List.of(new Backend("bench/backend:80", 1, List.of(new Endpoint("127.0.0.1", 9000)), null));

  private BenchConfigs() {}

  static String host(int i) {
    return "h" + i + ".bench.local";
  }

  static String path(int i) {
    return "/r" + i;
  }

  /** Each host with its one PathPrefix route. */
  static ProxyConfig config(int routes) {
    List<VirtualHost> hosts = new ArrayList<>(routes);
    for (int i = 0; i < routes; i++) {
      Route route =
          new Route(
              "bench/" + host(i) + path(i),
              RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, path(i))),
              BACKENDS);
      hosts.add(new VirtualHost(host(i), List.of(host(i)), List.of(route)));
    }
    return config(hosts);
  }

  /**
   * Each host's route requires GET and {@code x-bench: 1}; before it, a route on the same path
   * requires an {@code x-bench} value matching {@code 0|[2-9][0-9]*} (a request with the header
   * evaluates the pattern and rejects it); on every tenth host, the last one among them, a
   * RegularExpression route {@code /r<i>/[0-9]+} comes first (Exact, then regular expressions, then
   * prefixes).
   */
  static ProxyConfig configWithConditions(int routes) {
    ValueMatch header = new ValueMatch(ValueMatchType.Exact, HEADER, HEADER_VALUE);
    ValueMatch decoy = new ValueMatch(ValueMatchType.RegularExpression, HEADER, "0|[2-9][0-9]*");
    List<VirtualHost> hosts = new ArrayList<>(routes);
    for (int i = 0; i < routes; i++) {
      String name = "bench/" + host(i) + path(i);
      List<Route> matches = new ArrayList<>(3);
      if (i % REGEX_EVERY == REGEX_EVERY - 1) {
        matches.add(
            route(name + "/regex", PathMatchType.RegularExpression, path(i) + "/[0-9]+", header));
      }
      matches.add(route(name + "/decoy", PathMatchType.PathPrefix, path(i), decoy));
      matches.add(route(name, PathMatchType.PathPrefix, path(i), header));
      hosts.add(new VirtualHost(host(i), List.of(host(i)), matches));
    }
    return config(hosts);
  }

  private static Route route(String name, PathMatchType type, String path, ValueMatch header) {
    return new Route(
        name,
        new RouteMatch(new PathMatch(type, path), "GET", List.of(header), List.of()),
        BACKENDS);
  }

  private static ProxyConfig config(List<VirtualHost> hosts) {
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
