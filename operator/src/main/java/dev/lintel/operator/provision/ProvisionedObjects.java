package dev.lintel.operator.provision;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;

/** Everything one Gateway's proxy needs, all named {@code lintel-<gateway>} in its namespace. */
public record ProvisionedObjects(
    ConfigMap configMap,
    Secret certificates,
    ServiceAccount serviceAccount,
    Role role,
    RoleBinding roleBinding,
    Deployment deployment,
    Service service) {

  /** In creation order: config and identity before the pods that use them. */
  public List<HasMetadata> all() {
    return List.of(configMap, certificates, serviceAccount, role, roleBinding, deployment, service);
  }
}
