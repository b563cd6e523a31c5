package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatusBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The GatewayClass {@code SupportedVersion} condition: whether the Gateway API CRDs in use carry a
 * bundle version ({@value #BUNDLE_VERSION_ANNOTATION}) Lintel supports. Lintel gives best-effort
 * support otherwise, as the spec allows: {@code Accepted} stays True, only this condition is False
 * ({@code UnsupportedVersion}), so installing newer CRDs never takes Gateways down. Pure: the
 * shells pass the CRDs they see.
 */
public final class SupportedVersion {
  /** The annotation the Gateway API release puts on each of its CRDs. */
  public static final String BUNDLE_VERSION_ANNOTATION = "gateway.networking.k8s.io/bundle-version";

  /**
   * The supported bundle versions, the one place they are named: every release of this minor
   * version (v1.6.0, v1.6.1, ...), which the fabric8 model classes Lintel reads with implement.
   */
  public static final String SUPPORTED_MINOR_VERSION = "v1.6";

  private static final Set<String> GATEWAY_API_GROUPS =
      Set.of("gateway.networking.k8s.io", "gateway.networking.x-k8s.io");

  /** Where the CRDs come from, which decides what their absence means. */
  public enum Source {
    /** An API server: without Gateway API CRDs in sight nothing is known to be supported. */
    CLUSTER,
    /**
     * A manifest directory (standalone mode): without CRD documents the objects are read with
     * Lintel's own model, which is the supported version by construction.
     */
    MANIFESTS
  }

  private SupportedVersion() {}

  /**
   * A copy of {@code translated} with the SupportedVersion condition set from {@code crds} (any
   * CRDs; those of other API groups are ignored).
   */
  public static GatewayClassStatus apply(
      GatewayClassStatus translated,
      GatewayClass gatewayClass,
      List<CustomResourceDefinition> crds,
      Source source) {
    GatewayClassStatus status = new GatewayClassStatusBuilder(translated).build();
    List<Condition> conditions = new ArrayList<>();
    for (Condition condition : status.getConditions()) {
      if (!ConditionTypes.SUPPORTED_VERSION.equals(condition.getType())) {
        conditions.add(condition);
      }
    }
    conditions.add(condition(gatewayClass, crds, source));
    status.setConditions(conditions);
    return status;
  }

  /** Whether a Gateway API CRD (by its group) counts for the verdict. */
  public static boolean isGatewayApi(CustomResourceDefinition crd) {
    return crd.getSpec() != null && GATEWAY_API_GROUPS.contains(crd.getSpec().getGroup());
  }

  static boolean isSupported(String bundleVersion) {
    return bundleVersion != null
        && (bundleVersion.equals(SUPPORTED_MINOR_VERSION)
            || bundleVersion.startsWith(SUPPORTED_MINOR_VERSION + "."));
  }

  private static Condition condition(
      GatewayClass gatewayClass, List<CustomResourceDefinition> crds, Source source) {
    String supported = "supported: " + SUPPORTED_MINOR_VERSION + ".x";
    Map<String, String> versions = new TreeMap<>();
    for (CustomResourceDefinition crd : crds) {
      if (isGatewayApi(crd)) {
        Map<String, String> annotations = crd.getMetadata().getAnnotations();
        String version = annotations == null ? null : annotations.get(BUNDLE_VERSION_ANNOTATION);
        versions.put(crd.getMetadata().getName(), version);
      }
    }
    if (versions.isEmpty()) {
      return source == Source.MANIFESTS
          ? Conditions.statusTrue(
              ConditionTypes.SUPPORTED_VERSION,
              Reasons.SUPPORTED_VERSION,
              "no Gateway API CRDs among the manifests: objects are read as Gateway API "
                  + SUPPORTED_MINOR_VERSION
                  + " ("
                  + supported
                  + ")",
              gatewayClass)
          : Conditions.statusFalse(
              ConditionTypes.SUPPORTED_VERSION,
              Reasons.UNSUPPORTED_VERSION,
              "no Gateway API CRDs found (may Lintel list customresourcedefinitions?); "
                  + supported,
              gatewayClass);
    }
    List<String> unsupported = new ArrayList<>();
    Set<String> found = new TreeSet<>();
    versions.forEach(
        (name, version) -> {
          found.add(version == null ? "none" : version);
          if (!isSupported(version)) {
            unsupported.add(
                name
                    + (version == null
                        ? " has no " + BUNDLE_VERSION_ANNOTATION + " annotation"
                        : " is at " + version));
          }
        });
    if (!unsupported.isEmpty()) {
      return Conditions.statusFalse(
          ConditionTypes.SUPPORTED_VERSION,
          Reasons.UNSUPPORTED_VERSION,
          "Gateway API CRDs of an unsupported version ("
              + supported
              + "; served with best effort): "
              + String.join(", ", unsupported),
          gatewayClass);
    }
    return Conditions.statusTrue(
        ConditionTypes.SUPPORTED_VERSION,
        Reasons.SUPPORTED_VERSION,
        "Gateway API CRDs at bundle version " + String.join(", ", found) + " (" + supported + ")",
        gatewayClass);
  }

  /**
   * The translated class statuses with SupportedVersion from the CRD documents among a set of
   * manifests (standalone mode and {@code lintel validate}).
   */
  public static Map<ObjectRef, GatewayClassStatus> fromManifests(
      Map<ObjectRef, GatewayClassStatus> translated, List<HasMetadata> objects) {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    Map<ObjectRef, GatewayClass> classes = new HashMap<>();
    for (HasMetadata object : objects) {
      if (object instanceof CustomResourceDefinition crd) {
        crds.add(crd);
      } else if (object instanceof GatewayClass gatewayClass) {
        classes.put(ObjectRef.of(gatewayClass), gatewayClass);
      }
    }
    Map<ObjectRef, GatewayClassStatus> result = new HashMap<>();
    translated.forEach(
        (ref, status) -> result.put(ref, apply(status, classes.get(ref), crds, Source.MANIFESTS)));
    return result;
  }
}
