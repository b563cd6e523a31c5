package dev.lintel.proxy.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Semantic checks the schema cannot express: value ranges, path syntax, unique ports and names.
 * Errors name the path of the offending field.
 */
final class ConfigValidator {
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "^(\\*|(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$");

  void validate(ProxyConfig config) throws ConfigException {
    validate(config, Set.of());
  }

  /**
   * Like {@link #validate(ProxyConfig)}, but skips the checks that concern one virtual host alone
   * for those in {@code valid} (compared by identity): an incremental parse reuses hosts that
   * passed them in the previous config. Checks across hosts (unique hostnames) still see them.
   */
  void validate(ProxyConfig config, Set<VirtualHost> valid) throws ConfigException {
    if (config.version() != ProxyConfig.CURRENT_VERSION) {
      throw new ConfigException(
          "version: unsupported value "
              + config.version()
              + ", expected "
              + ProxyConfig.CURRENT_VERSION);
    }
    Set<Integer> ports = new HashSet<>();
    List<Listener> listeners = config.listeners();
    for (int l = 0; l < listeners.size(); l++) {
      Listener listener = listeners.get(l);
      String at = "listeners[" + l + "]";
      if (listener.port() < 1 || listener.port() > 65535) {
        throw new ConfigException(at + ".port: " + listener.port() + " is not in 1..65535");
      }
      if (!ports.add(listener.port())) {
        throw new ConfigException(
            at + ".port: " + listener.port() + " is used by another listener");
      }
      // Sized for one name per host, the usual case: rehashing 10,000 names showed in reloads.
      Set<String> hosts = new HashSet<>(Math.max(16, listener.virtualHosts().size() * 2));
      for (int v = 0; v < listener.virtualHosts().size(); v++) {
        VirtualHost host = listener.virtualHosts().get(v);
        if (valid.contains(host)) {
          // Only the cross-host check; the path is built only for its error message.
          checkUnique(host, l, v, hosts);
        } else {
          validate(host, at + ".virtualHosts[" + v + "]", hosts);
        }
      }
    }
  }

  private static void checkUnique(VirtualHost host, int l, int v, Set<String> seenHostnames)
      throws ConfigException {
    for (int h = 0; h < host.hostnames().size(); h++) {
      String name = host.hostnames().get(h);
      if (!seenHostnames.add(name)) {
        throw notUnique("listeners[" + l + "].virtualHosts[" + v + "]", h, name);
      }
    }
  }

  private static ConfigException notUnique(String at, int h, String name) {
    return new ConfigException(
        at
            + ".hostnames["
            + h
            + "]: '"
            + name
            + "' is served by another virtual host of this listener");
  }

  private void validate(VirtualHost host, String at, Set<String> seenHostnames)
      throws ConfigException {
    for (int h = 0; h < host.hostnames().size(); h++) {
      String name = host.hostnames().get(h);
      if (!HOSTNAME.matcher(name).matches()) {
        throw new ConfigException(
            at + ".hostnames[" + h + "]: '" + name + "' is not a valid hostname");
      }
      if (!seenHostnames.add(name)) {
        throw notUnique(at, h, name);
      }
    }
    for (int r = 0; r < host.routes().size(); r++) {
      Route route = host.routes().get(r);
      String routeAt = at + ".routes[" + r + "]";
      String path = route.match().path().value();
      if (!path.startsWith("/")) {
        throw new ConfigException(
            routeAt + ".match.path.value: '" + path + "' does not start with /");
      }
      for (int b = 0; b < route.backends().size(); b++) {
        Backend backend = route.backends().get(b);
        String backendAt = routeAt + ".backends[" + b + "]";
        if (backend.weight() < 0 || backend.weight() > 1_000_000) {
          throw new ConfigException(
              backendAt + ".weight: " + backend.weight() + " is not in 0..1000000");
        }
        for (int e = 0; e < backend.endpoints().size(); e++) {
          Endpoint endpoint = backend.endpoints().get(e);
          if (endpoint.port() < 1 || endpoint.port() > 65535) {
            throw new ConfigException(
                backendAt
                    + ".endpoints["
                    + e
                    + "].port: "
                    + endpoint.port()
                    + " is not in 1..65535");
          }
          if (endpoint.host().isEmpty()) {
            throw new ConfigException(backendAt + ".endpoints[" + e + "].host: empty");
          }
        }
      }
    }
  }
}
