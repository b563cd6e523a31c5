package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import java.util.Optional;

/**
 * A Gateway's {@code spec.infrastructure.parametersRef}. Lintel defines no kind of Gateway
 * parameters yet, so any reference is one it cannot resolve: the spec asks for {@code
 * Accepted=False} with reason {@code InvalidParameters} rather than serving a Gateway configured
 * differently from what its owner asked for.
 */
final class GatewayParameters {
  private GatewayParameters() {}

  static Optional<String> problem(Gateway gateway) {
    GatewayInfrastructure infrastructure = gateway.getSpec().getInfrastructure();
    LocalParametersReference ref =
        infrastructure == null ? null : infrastructure.getParametersRef();
    if (ref == null) {
      return Optional.empty();
    }
    return Optional.of(
        "spec.infrastructure.parametersRef: "
            + ref.getGroup()
            + "/"
            + ref.getKind()
            + " "
            + ref.getName()
            + " cannot be resolved: Lintel takes no Gateway parameters of this kind");
  }
}
