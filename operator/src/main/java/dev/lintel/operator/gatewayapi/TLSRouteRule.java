package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import java.util.List;

/**
 * One rule of a {@link TLSRoute}.
 *
 * @param name the optional rule name
 * @param backendRefs where the connections go, weighted; the same {@code BackendRef} as HTTPRoute's
 *     without filters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TLSRouteRule(String name, List<BackendRef> backendRefs) {
  public TLSRouteRule {
    backendRefs = backendRefs == null ? List.of() : List.copyOf(backendRefs);
  }
}
