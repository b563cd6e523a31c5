package dev.lintel.operator.provision;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Name, labels and owner of every object provisioned for one Gateway: they all share the name
 * {@code lintel-<gateway>} in the Gateway's namespace, so one Gateway's objects are easy to find
 * and are garbage-collected with it.
 */
public final class ProxyIdentity {
  public static final String NAME_PREFIX = "lintel-";
  public static final String LABEL_NAME = "app.kubernetes.io/name";
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String LABEL_GATEWAY = "gateway.networking.k8s.io/gateway-name";
  public static final String PROXY_APP = "lintel-proxy";
  public static final String MANAGER = "lintel";

  /**
   * Service names must be DNS-1035 labels; the other kinds accept them too, so one rule fits all.
   */
  private static final int MAX_LABEL = 63;

  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final int HASH_CHARS = 8;

  private final Gateway gateway;
  private final String name;

  public ProxyIdentity(Gateway gateway) {
    this.gateway = gateway;
    this.name = objectName(gateway.getMetadata().getName());
  }

  /** The name of every object provisioned for the Gateway. */
  public String name() {
    return name;
  }

  public String namespace() {
    return gateway.getMetadata().getNamespace();
  }

  public Gateway gateway() {
    return gateway;
  }

  /**
   * {@code lintel-<gateway>}, or, when that is not a valid DNS-1035 label (over 63 characters, or a
   * Gateway name with dots), a cut-down form ending in a hash of the full Gateway name so that two
   * long names sharing a prefix still get different objects.
   */
  public static String objectName(String gatewayName) {
    String plain = NAME_PREFIX + gatewayName;
    if (plain.length() <= MAX_LABEL && DNS_1035_LABEL.matcher(plain).matches()) {
      return plain;
    }
    return shortened(plain.replace('.', '-'), gatewayName);
  }

  /** The Gateway's name as a label value (max 63 characters), hashed the same way when too long. */
  public static String labelValue(String gatewayName) {
    if (gatewayName.length() <= MAX_LABEL && LABEL_VALUE.matcher(gatewayName).matches()) {
      return gatewayName;
    }
    return shortened(gatewayName, gatewayName);
  }

  private static String shortened(String base, String hashed) {
    String suffix = "-" + sha256Hex(hashed).substring(0, HASH_CHARS);
    String head = base.substring(0, Math.min(base.length(), MAX_LABEL - suffix.length()));
    while (head.endsWith("-") || head.endsWith(".") || head.endsWith("_")) {
      head = head.substring(0, head.length() - 1);
    }
    return head + suffix;
  }

  /** Selects the Gateway's proxy pods; also on every provisioned object. */
  public Map<String, String> selector() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_NAME, PROXY_APP);
    labels.put(LABEL_GATEWAY, labelValue(gateway.getMetadata().getName()));
    return labels;
  }

  /**
   * The labels of every provisioned object and of the proxy pods: the Gateway's {@code
   * spec.infrastructure.labels} (Gateway API: applied to every resource created for the Gateway),
   * then Lintel's own, which win on a clash because the selector depends on them.
   */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>(infrastructure(true));
    labels.putAll(selector());
    labels.put(LABEL_MANAGED_BY, MANAGER);
    return labels;
  }

  /** The Gateway's {@code spec.infrastructure.annotations}, for every provisioned object. */
  public Map<String, String> annotations() {
    return infrastructure(false);
  }

  private Map<String, String> infrastructure(boolean labels) {
    GatewayInfrastructure infrastructure =
        gateway.getSpec() == null ? null : gateway.getSpec().getInfrastructure();
    Map<String, String> values =
        infrastructure == null
            ? null
            : labels ? infrastructure.getLabels() : infrastructure.getAnnotations();
    return values == null ? new LinkedHashMap<>() : new TreeMap<>(values);
  }

  /** Metadata for a provisioned object: name, namespace, labels and the Gateway as controller. */
  public ObjectMeta metadata() {
    ObjectMetaBuilder metadata =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace())
            .withLabels(labels())
            .withOwnerReferences(ownerReference());
    Map<String, String> annotations = annotations();
    if (!annotations.isEmpty()) {
      metadata.withAnnotations(annotations);
    }
    return metadata.build();
  }

  public OwnerReference ownerReference() {
    return new OwnerReferenceBuilder()
        .withApiVersion(gateway.getApiVersion())
        .withKind(gateway.getKind())
        .withName(gateway.getMetadata().getName())
        .withUid(gateway.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
