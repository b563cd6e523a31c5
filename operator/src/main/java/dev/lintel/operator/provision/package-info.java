/**
 * The pure provisioning core: for one Gateway, its rendered config text and {@link
 * dev.lintel.operator.provision.ProvisionSettings}, the objects that must exist in the cluster for
 * the Gateway's dedicated proxy (ConfigMap, ServiceAccount, Role, RoleBinding, Deployment,
 * Service). No client, no JOSDK, no clock: the reconciler writes what these factories return.
 */
package dev.lintel.operator.provision;
