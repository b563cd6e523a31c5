package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.List;

/**
 * The spec of a {@link ListenerSet}.
 *
 * @param parentRef the Gateway the listeners attach to
 * @param listeners the listeners; the v1 {@code ListenerEntry} has exactly the fields of a Gateway
 *     {@code Listener} (name, hostname, port, protocol, tls, allowedRoutes), so fabric8's class
 *     serves for both
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListenerSetSpec(ParentGatewayReference parentRef, List<Listener> listeners) {}
