package dev.lintel.proxy.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a port's TLS listeners: only HTTPS and TLS ports have them, a TLS port has nothing
 * else, and the SNI must pick exactly one Gateway listener and, within it, one route per name.
 */
final class TlsListenerValidator {
  private TlsListenerValidator() {}

  static void validate(Listener listener, String at) throws ConfigException {
    List<TlsListener> tlsListeners = listener.tlsListeners();
    switch (listener.protocol()) {
      case HTTP -> {
        if (!tlsListeners.isEmpty()) {
          throw new ConfigException(at + ".tlsListeners: an HTTP listener has none");
        }
        return;
      }
      case TLS -> {
        if (!listener.virtualHosts().isEmpty()) {
          throw new ConfigException(at + ".virtualHosts: a TLS listener serves no HTTP");
        }
        if (tlsListeners.isEmpty()) {
          throw new ConfigException(at + ".tlsListeners: a TLS listener needs at least one");
        }
      }
      case HTTPS -> {
        // HTTPS entries and TLS listeners may share the port: the SNI decides.
      }
    }
    Set<String> keys = new HashSet<>();
    listener.tls().forEach(entry -> keys.add(entry.key()));
    for (int t = 0; t < tlsListeners.size(); t++) {
      validate(tlsListeners.get(t), at + ".tlsListeners[" + t + "]", keys);
    }
  }

  private static void validate(TlsListener tlsListener, String at, Set<String> keys)
      throws ConfigException {
    String hostname = tlsListener.hostname();
    if (hostname != null
        && (hostname.equals("*") || !ConfigValidator.HOSTNAME.matcher(hostname).matches())) {
      throw new ConfigException(
          at + ".hostname: '" + hostname + "' is not a valid listener hostname");
    }
    if (!keys.add(tlsListener.key())) {
      throw new ConfigException(
          at + ".hostname: '" + tlsListener.key() + "' has another entry on this listener");
    }
    List<String> certificates = tlsListener.certificates();
    if (tlsListener.mode() == TlsMode.Passthrough && !certificates.isEmpty()) {
      throw new ConfigException(at + ".certificates: a Passthrough listener has none");
    }
    if (tlsListener.mode() == TlsMode.Terminate && certificates.isEmpty()) {
      throw new ConfigException(at + ".certificates: a Terminate listener needs at least one");
    }
    for (int c = 0; c < certificates.size(); c++) {
      if (!ConfigValidator.CERTIFICATE_REFERENCE.matcher(certificates.get(c)).matches()) {
        throw new ConfigException(
            at
                + ".certificates["
                + c
                + "]: '"
                + certificates.get(c)
                + "' is not a namespace/name reference");
      }
    }
    Set<String> names = new HashSet<>();
    for (int r = 0; r < tlsListener.routes().size(); r++) {
      TlsRoute route = tlsListener.routes().get(r);
      String routeAt = at + ".routes[" + r + "]";
      if (route.name().isEmpty()) {
        throw new ConfigException(routeAt + ".name: empty");
      }
      if (route.hostnames().isEmpty()) {
        throw new ConfigException(routeAt + ".hostnames: at least one is required");
      }
      for (int h = 0; h < route.hostnames().size(); h++) {
        String name = route.hostnames().get(h);
        String nameAt = routeAt + ".hostnames[" + h + "]";
        if (!ConfigValidator.HOSTNAME.matcher(name).matches()) {
          throw new ConfigException(nameAt + ": '" + name + "' is not a valid hostname");
        }
        if (!names.add(name)) {
          throw new ConfigException(
              nameAt + ": '" + name + "' belongs to an earlier route of this listener");
        }
      }
      for (int b = 0; b < route.backends().size(); b++) {
        ConfigValidator.validate(route.backends().get(b), routeAt + ".backends[" + b + "]");
      }
    }
  }
}
