package dev.lintel.operator.translate;

import dev.lintel.proxy.config.ClientValidation;
import dev.lintel.proxy.config.ClientValidationMode;
import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.ClientTrust;
import dev.lintel.proxy.tls.InvalidCertificateException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSPortConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a Gateway's {@code spec.tls.frontend}: the client certificate validation of an HTTPS
 * port is its {@code perPort} entry, else the {@code default}. Each {@code caCertificateRefs} entry
 * must name a core ConfigMap (else {@code InvalidCACertificateKind}) in the Gateway's namespace or
 * one whose ReferenceGrant lets Gateways of that namespace use it ({@code RefNotPermitted}),
 * holding PEM certificates in {@code ca.crt} ({@code InvalidCACertificateRef}). The usable bundles
 * are trusted; with none, the port's HTTPS listeners are not accepted ({@code
 * NoValidCACertificate}): validating no one would either admit everyone or refuse everyone.
 */
final class FrontendValidation {
  private static final String CONFIG_MAP = "ConfigMap";
  private static final int MAX_REFS = 8;
  private static final Set<String> MODES =
      Set.of(
          ClientValidationMode.AllowValidOnly.name(),
          ClientValidationMode.AllowInsecureFallback.name());

  private final Map<String, ConfigMap> configMaps;
  private final ReferenceGrants grants;

  /** Parsing a bundle costs: each ConfigMap is checked once per translation. */
  private final Map<String, String> problems = new HashMap<>();

  FrontendValidation(List<ConfigMap> configMaps, ReferenceGrants grants) {
    this.configMaps = TlsSecrets.byReference(configMaps);
    this.grants = grants;
  }

  /**
   * The outcome for one HTTPS port.
   *
   * @param validation what the proxy port does, with the usable bundles; null when none is
   * @param reason null when every reference resolved, else the listener's ResolvedRefs reason
   * @param message what is wrong with the first bad reference
   */
  record Resolution(ClientValidation validation, String reason, String message) {
    /** Validation is asked for and no bundle can serve it. */
    boolean noValidCaCertificate() {
      return validation == null;
    }
  }

  /** The validation of {@code gateway}'s port {@code port}, or null when it asks for none. */
  Resolution resolve(Gateway gateway, int port) {
    Located located = locate(gateway, port);
    if (located == null) {
      return null;
    }
    String gatewayNamespace = gateway.getMetadata().getNamespace();
    List<ObjectReference> refs = located.validation().getCaCertificateRefs();
    List<String> valid = new ArrayList<>();
    String reason = null;
    String message = null;
    for (int i = 0; i < refs.size(); i++) {
      ObjectReference ref = refs.get(i);
      String refAt = located.at() + ".caCertificateRefs[" + i + "]";
      String namespace = ref.getNamespace() == null ? gatewayNamespace : ref.getNamespace();
      String group = ref.getGroup() == null ? "" : ref.getGroup();
      String problemReason = Reasons.INVALID_CA_CERTIFICATE_REF;
      String problem;
      String notPermitted =
          grants.gatewayRefNotPermitted(CONFIG_MAP, gatewayNamespace, namespace, ref.getName());
      if (!group.isEmpty() || !CONFIG_MAP.equals(ref.getKind())) {
        problemReason = Reasons.INVALID_CA_CERTIFICATE_KIND;
        problem =
            refAt
                + ": "
                + (group.isEmpty() ? "core" : group)
                + "/"
                + ref.getKind()
                + " is not a ConfigMap";
      } else if (notPermitted != null) {
        problemReason = Reasons.REF_NOT_PERMITTED;
        problem = refAt + ": " + notPermitted;
      } else {
        String reference = TlsSecrets.reference(namespace, ref.getName());
        String invalid = problems.computeIfAbsent(reference, this::check);
        problem = invalid.isEmpty() ? null : refAt + ": ConfigMap " + reference + " " + invalid;
        if (problem == null && !valid.contains(reference)) {
          valid.add(reference);
        }
      }
      if (problem != null && reason == null) {
        reason = problemReason;
        message = problem;
      }
    }
    ClientValidation validation =
        valid.isEmpty()
            ? null
            : new ClientValidation(valid, ClientValidationMode.valueOf(modeOf(located)));
    return new Resolution(validation, reason, message);
  }

  /** Whether some port of the Gateway serves clients whose certificate does not validate. */
  static boolean insecureFallback(Gateway gateway) {
    FrontendTLSConfig frontend = frontendOf(gateway);
    if (frontend == null) {
      return false;
    }
    if (isInsecure(frontend.getDefault())) {
      return true;
    }
    return frontend.getPerPort() != null
        && frontend.getPerPort().stream().anyMatch(port -> isInsecure(port.getTls()));
  }

  /** What the API server's schema and CEL rules would refuse in {@code spec.tls.frontend}. */
  static Optional<String> problem(Gateway gateway) {
    FrontendTLSConfig frontend = frontendOf(gateway);
    if (frontend == null) {
      return Optional.empty();
    }
    String at = "spec.tls.frontend";
    Optional<String> problem = problem(frontend.getDefault(), at + ".default");
    if (problem.isPresent() || frontend.getPerPort() == null) {
      return problem;
    }
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < frontend.getPerPort().size(); i++) {
      TLSPortConfig port = frontend.getPerPort().get(i);
      String portAt = at + ".perPort[" + i + "]";
      if (port.getPort() == null || port.getPort() < 1 || port.getPort() > 65535) {
        return Optional.of(portAt + ".port: required, in 1..65535");
      }
      if (!ports.add(port.getPort())) {
        return Optional.of(portAt + ".port: " + port.getPort() + " has another entry");
      }
      if (port.getTls() == null) {
        return Optional.of(portAt + ".tls: required");
      }
      problem = problem(port.getTls(), portAt + ".tls");
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> problem(TLSConfig config, String at) {
    FrontendTLSValidation validation = config == null ? null : config.getValidation();
    if (validation == null) {
      return Optional.empty();
    }
    String validationAt = at + ".validation";
    List<ObjectReference> refs = validation.getCaCertificateRefs();
    if (refs == null || refs.isEmpty() || refs.size() > MAX_REFS) {
      return Optional.of(validationAt + ".caCertificateRefs: 1 to " + MAX_REFS + " are required");
    }
    for (int i = 0; i < refs.size(); i++) {
      ObjectReference ref = refs.get(i);
      if (ref.getName() == null || ref.getName().isEmpty()) {
        return Optional.of(validationAt + ".caCertificateRefs[" + i + "].name: required");
      }
      if (ref.getKind() == null || ref.getKind().isEmpty()) {
        return Optional.of(validationAt + ".caCertificateRefs[" + i + "].kind: required");
      }
    }
    String mode = validation.getMode();
    if (mode != null && !mode.isEmpty() && !MODES.contains(mode)) {
      return Optional.of(
          validationAt + ".mode: '" + mode + "' is not AllowValidOnly or AllowInsecureFallback");
    }
    return Optional.empty();
  }

  /** Where a port's validation is written, with its path for messages. */
  private record Located(FrontendTLSValidation validation, String at) {}

  private static Located locate(Gateway gateway, int port) {
    FrontendTLSConfig frontend = frontendOf(gateway);
    if (frontend == null) {
      return null;
    }
    String at = "spec.tls.frontend";
    if (frontend.getPerPort() != null) {
      for (int i = 0; i < frontend.getPerPort().size(); i++) {
        TLSPortConfig entry = frontend.getPerPort().get(i);
        if (entry.getPort() != null && entry.getPort() == port) {
          // A port entry overrides the default even when it has no validation of its own.
          FrontendTLSValidation validation =
              entry.getTls() == null ? null : entry.getTls().getValidation();
          return validation == null
              ? null
              : new Located(validation, at + ".perPort[" + i + "].tls.validation");
        }
      }
    }
    FrontendTLSValidation validation =
        frontend.getDefault() == null ? null : frontend.getDefault().getValidation();
    return validation == null ? null : new Located(validation, at + ".default.validation");
  }

  private static String modeOf(Located located) {
    String mode = located.validation().getMode();
    return mode == null || mode.isEmpty() ? ClientValidationMode.AllowValidOnly.name() : mode;
  }

  private static boolean isInsecure(TLSConfig config) {
    return config != null
        && config.getValidation() != null
        && ClientValidationMode.AllowInsecureFallback.name()
            .equals(config.getValidation().getMode());
  }

  private static FrontendTLSConfig frontendOf(Gateway gateway) {
    return gateway.getSpec() == null || gateway.getSpec().getTls() == null
        ? null
        : gateway.getSpec().getTls().getFrontend();
  }

  /** What is wrong with a ConfigMap as a CA bundle, or the empty string. */
  private String check(String reference) {
    ConfigMap configMap = configMaps.get(reference);
    if (configMap == null) {
      return "does not exist";
    }
    CaBundlePem pem = CaBundles.pemOf(configMap);
    if (pem == null) {
      return "has no " + CaBundles.CA_KEY;
    }
    try {
      ClientTrust.check(pem);
      return "";
    } catch (InvalidCertificateException e) {
      return "has no usable " + CaBundles.CA_KEY + ": " + e.getMessage();
    }
  }
}
