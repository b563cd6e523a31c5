package dev.lintel.proxy.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Arrays;
import java.util.List;

/** Short builders for proxy configs in tests. */
public final class Configs {
  private static final YAMLMapper YAML = new YAMLMapper();

  private Configs() {}

  public static ProxyConfig config(Listener... listeners) {
    return new ProxyConfig(ProxyConfig.CURRENT_VERSION, "test/gateway", List.of(listeners));
  }

  public static Listener listener(int port, VirtualHost... hosts) {
    return new Listener("listener-" + port, port, Protocol.HTTP, List.of(hosts));
  }

  public static VirtualHost vhost(List<String> hostnames, Route... routes) {
    return new VirtualHost("vhost-" + String.join("-", hostnames), hostnames, List.of(routes));
  }

  public static VirtualHost anyHost(Route... routes) {
    return vhost(List.of("*"), routes);
  }

  public static Route prefix(String name, String path, Backend... backends) {
    return new Route(
        name, RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, path)), List.of(backends));
  }

  public static Route exact(String name, String path, Backend... backends) {
    return new Route(
        name, RouteMatch.path(new PathMatch(PathMatchType.Exact, path)), List.of(backends));
  }

  /** A route with a full match (path, method, headers, query parameters). */
  public static Route matching(String name, RouteMatch match, Backend... backends) {
    return new Route(name, match, List.of(backends));
  }

  public static Backend backend(String name, int weight, Endpoint... endpoints) {
    return new Backend(name, weight, Arrays.asList(endpoints), null);
  }

  public static Backend rejected(String name, int weight, String reason) {
    return new Backend(name, weight, List.of(), reason);
  }

  public static Endpoint local(int port) {
    return new Endpoint("127.0.0.1", port);
  }

  /** The config as the text the parser reads. */
  public static String yaml(ProxyConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
