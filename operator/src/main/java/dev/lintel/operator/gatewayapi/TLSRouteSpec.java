package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;

/**
 * The spec of a {@link TLSRoute}.
 *
 * @param parentRefs the Gateways (or ListenerSets) the route attaches to; the same {@code
 *     ParentReference} as every route kind's
 * @param hostnames SNI names the route serves, intersected with the listener's hostname
 * @param rules the rules; v1.6 allows exactly one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TLSRouteSpec(
    List<ParentReference> parentRefs, List<String> hostnames, List<TLSRouteRule> rules) {
  public TLSRouteSpec {
    parentRefs = parentRefs == null ? List.of() : List.copyOf(parentRefs);
    hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    rules = rules == null ? List.of() : List.copyOf(rules);
  }
}
