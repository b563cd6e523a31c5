/**
 * Gateway API kinds (ListenerSet, TLSRoute v1) that fabric8 {@code kubernetes-model-gatewayapi}
 * 7.5.2 (the version JOSDK 5.2.3 is built on) does not have, written as plain Jackson-mapped model
 * classes in the shape of the Gateway API v1.6 CRDs. They implement {@link
 * io.fabric8.kubernetes.api.model.HasMetadata} (not the client's {@code CustomResource}), so that
 * the pure translator can read them without depending on the Kubernetes client. Like fabric8's
 * model classes they tolerate fields they do not know (a newer CRD version served by the API server
 * must not break the operator's informer).
 */
package dev.lintel.operator.gatewayapi;
