package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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
// HasMetadata inherits fabric8's polymorphic deserializer, which maps only the kinds it knows
// (anything else becomes a GenericKubernetesResource); this class binds its own fields.
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class ListenerSet extends GatewayApiObject<ListenerSetSpec, ListenerSetStatus> {
  public static final String GROUP = "gateway.networking.k8s.io";
  public static final String VERSION = "v1";
  public static final String KIND = "ListenerSet";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  public ListenerSet() {
    this(null, null, null);
  }

  public ListenerSet(ObjectMeta metadata, ListenerSetSpec spec, ListenerSetStatus status) {
    super(API_VERSION, KIND, metadata, spec, status);
  }
}
