package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Gateway API v1 ListenerSet ({@code gateway.networking.k8s.io/v1}, GEP-1713): listeners that
 * attach to a parent Gateway which allows them through {@code spec.allowedListeners}.
 */
@Group(ListenerSet.GROUP)
@Version(ListenerSet.VERSION)
@Kind(ListenerSet.KIND)
@Plural("listenersets")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
// HasMetadata inherits fabric8's polymorphic deserializer, which maps only the kinds it knows
// (anything else becomes a GenericKubernetesResource); this class binds its own fields.
@JsonDeserialize(using = JsonDeserializer.None.class)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public final class ListenerSet implements HasMetadata, Namespaced {
  public static final String GROUP = "gateway.networking.k8s.io";
  public static final String VERSION = "v1";
  public static final String KIND = "ListenerSet";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private String apiVersion = API_VERSION;
  private String kind = KIND;
  private ObjectMeta metadata;
  private ListenerSetSpec spec;
  private ListenerSetStatus status;

  public ListenerSet() {}

  public ListenerSet(ObjectMeta metadata, ListenerSetSpec spec, ListenerSetStatus status) {
    this.metadata = metadata;
    this.spec = spec;
    this.status = status;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public ListenerSetSpec getSpec() {
    return spec;
  }

  public void setSpec(ListenerSetSpec spec) {
    this.spec = spec;
  }

  public ListenerSetStatus getStatus() {
    return status;
  }

  public void setStatus(ListenerSetStatus status) {
    this.status = status;
  }
}
