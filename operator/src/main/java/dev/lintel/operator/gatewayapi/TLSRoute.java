package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Gateway API v1 TLSRoute ({@code gateway.networking.k8s.io/v1} since v1.5; GEP-2643): routes TLS
 * connections by their SNI, passed through or terminated by the Gateway's TLS listener. Its status
 * is the common {@code RouteStatus} of all route kinds.
 */
@Group(TLSRoute.GROUP)
@Version(TLSRoute.VERSION)
@Kind(TLSRoute.KIND)
@Plural("tlsroutes")
// HasMetadata inherits fabric8's polymorphic deserializer, which maps only the kinds it knows
// (anything else becomes a GenericKubernetesResource); this class binds its own fields.
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class TLSRoute extends GatewayApiObject<TLSRouteSpec, RouteStatus> {
  public static final String GROUP = "gateway.networking.k8s.io";
  public static final String VERSION = "v1";
  public static final String KIND = "TLSRoute";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  public TLSRoute() {
    this(null, null, null);
  }

  public TLSRoute(ObjectMeta metadata, TLSRouteSpec spec, RouteStatus status) {
    super(API_VERSION, KIND, metadata, spec, status);
  }
}
