package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A ListenerSet's {@code spec.parentRef}. {@code group} defaults to {@code
 * gateway.networking.k8s.io}, {@code kind} to {@code Gateway}, {@code namespace} to the
 * ListenerSet's own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ParentGatewayReference(String group, String kind, String name, String namespace) {}
