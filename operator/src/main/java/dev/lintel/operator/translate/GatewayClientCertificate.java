package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.Mirror;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.util.List;

/**
 * Resolves a Gateway's {@code spec.tls.backend.clientCertificateRef}: the certificate its proxy
 * presents to backends that ask for one over TLS (BackendTLSPolicy). It must name a {@code
 * kubernetes.io/tls} Secret holding a certificate and its key, in the Gateway's namespace or one
 * whose ReferenceGrant lets the Gateway use it. The outcome is the Gateway's own {@code
 * ResolvedRefs} condition ({@code InvalidClientCertificateRef} or {@code RefNotPermitted} when
 * False); the Gateway stays accepted, and backends are then spoken to without a certificate.
 *
 * @param certificate {@code namespace/name} of the usable certificate, or null
 * @param resolvedRefs the Gateway's ResolvedRefs condition
 */
record GatewayClientCertificate(String certificate, Condition resolvedRefs) {
  private static final String AT = "spec.tls.backend.clientCertificateRef";

  /** The outcome for {@code gateway}, or null when it names no client certificate. */
  static GatewayClientCertificate resolve(Gateway gateway, CertificateRefs certificates) {
    SecretObjectReference ref =
        gateway.getSpec().getTls() == null || gateway.getSpec().getTls().getBackend() == null
            ? null
            : gateway.getSpec().getTls().getBackend().getClientCertificateRef();
    if (ref == null) {
      return null;
    }
    CertificateRefs.Resolution resolution =
        certificates.resolve("Gateway", gateway.getMetadata().getNamespace(), ref, AT);
    if (resolution.reason() == null) {
      return new GatewayClientCertificate(
          resolution.certificates().get(0),
          Conditions.statusTrue(
              ConditionTypes.RESOLVED_REFS,
              Reasons.RESOLVED_REFS,
              "all references are resolved",
              gateway));
    }
    String reason =
        Reasons.REF_NOT_PERMITTED.equals(resolution.reason())
            ? Reasons.REF_NOT_PERMITTED
            : Reasons.INVALID_CLIENT_CERTIFICATE_REF;
    return new GatewayClientCertificate(
        null,
        Conditions.statusFalse(
            ConditionTypes.RESOLVED_REFS, reason, resolution.message(), gateway));
  }

  /** {@code backends} with {@code certificate} presented to those spoken to over TLS. */
  static List<Backend> presentedTo(List<Backend> backends, String certificate) {
    if (certificate == null) {
      return backends;
    }
    return backends.stream().map(backend -> presentedTo(backend, certificate)).toList();
  }

  /** {@code mirrors} with {@code certificate} presented to those spoken to over TLS. */
  static List<Mirror> presentedToMirrors(List<Mirror> mirrors, String certificate) {
    if (certificate == null) {
      return mirrors;
    }
    return mirrors.stream()
        .map(
            mirror ->
                new Mirror(
                    presentedTo(mirror.backend(), certificate),
                    mirror.numerator(),
                    mirror.denominator()))
        .toList();
  }

  private static Backend presentedTo(Backend backend, String certificate) {
    BackendTls tls = backend.tls();
    return tls == null
        ? backend
        : backend.withTls(
            new BackendTls(
                tls.serverName(),
                tls.caCertificates(),
                tls.wellKnownCaCertificates(),
                tls.subjectAltNames(),
                certificate));
  }
}
