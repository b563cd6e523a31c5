package dev.lintel.proxy.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TLS from the proxy to one backend (a BackendTLSPolicy applied to a Service port). Like listener
 * certificates, trust and identity are named by reference only: their PEM reaches the proxy apart
 * from the config. Equal values mean equal connections: the upstream pool keeps connections of
 * different settings (and clear-text ones) apart by this value.
 *
 * @param serverName sent as SNI; also the name the backend's certificate must be valid for when
 *     {@code subjectAltNames} is empty
 * @param caCertificates {@code namespace/name} of each CA bundle the backend's certificate must
 *     chain to (a ConfigMap's {@code ca.crt}); empty when {@code wellKnownCaCertificates} is set
 * @param wellKnownCaCertificates the proxy's own trust store instead of bundles, or null
 * @param subjectAltNames when not empty, the backend's certificate must carry one of these names
 *     (instead of {@code serverName})
 * @param clientCertificate {@code namespace/name} of the certificate the proxy presents when the
 *     backend asks for one (the Gateway's {@code spec.tls.backend.clientCertificateRef}), or null
 */
public record BackendTls(
    String serverName,
    List<String> caCertificates,
    WellKnownCaCertificates wellKnownCaCertificates,
    List<SubjectAltName> subjectAltNames,
    String clientCertificate) {
  public BackendTls {
    Objects.requireNonNull(serverName, "serverName");
    caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
    subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
  }

  /**
   * Every distinct TLS setting of {@code config}'s backends, mirrors and the backends of TLSRoutes
   * on terminating TLS listeners included, in config order.
   */
  public static Set<BackendTls> allIn(ProxyConfig config) {
    Set<BackendTls> settings = new LinkedHashSet<>();
    for (Listener listener : config.listeners()) {
      for (VirtualHost host : listener.virtualHosts()) {
        for (Route route : host.routes()) {
          for (Backend backend : route.backends()) {
            if (backend.tls() != null) {
              settings.add(backend.tls());
            }
          }
          for (Mirror mirror : route.filters().mirrors()) {
            if (mirror.backend().tls() != null) {
              settings.add(mirror.backend().tls());
            }
          }
        }
      }
      for (TlsListener tlsListener : listener.tlsListeners()) {
        for (TlsRoute route : tlsListener.routes()) {
          for (Backend backend : route.backends()) {
            if (backend.tls() != null) {
              settings.add(backend.tls());
            }
          }
        }
      }
    }
    return settings;
  }
}
