package dev.lintel.operator.provision;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;

/**
 * The proxy's API identity: a ServiceAccount whose Role lets it read and watch its own ConfigMap
 * and its own certificate Secret and nothing else, so a compromised proxy pod learns nothing about
 * the cluster (the certificates in that Secret are the ones it serves anyway). {@code list} and
 * {@code watch} work with {@code resourceNames} only because the proxy selects by {@code
 * metadata.name} (field selector), which the API server authorizes against the named resource.
 */
public final class ProxyRbacFactory {
  /**
   * The only verbs the proxy gets; the operator's ClusterRole must hold them (RBAC escalation
   * rule).
   */
  public static final List<String> PROXY_VERBS = List.of("get", "list", "watch");

  public ServiceAccount serviceAccount(ProxyIdentity identity) {
    return new ServiceAccountBuilder().withMetadata(identity.metadata()).build();
  }

  public Role role(ProxyIdentity identity) {
    return new RoleBuilder()
        .withMetadata(identity.metadata())
        .withRules(ownObject("configmaps", identity), ownObject("secrets", identity))
        .build();
  }

  /** The proxy's own object of a kind: every one of them is named after the proxy. */
  private static PolicyRule ownObject(String resource, ProxyIdentity identity) {
    return new PolicyRuleBuilder()
        .withApiGroups("")
        .withResources(resource)
        .withResourceNames(identity.name())
        .withVerbs(PROXY_VERBS)
        .build();
  }

  public RoleBinding roleBinding(ProxyIdentity identity) {
    return new RoleBindingBuilder()
        .withMetadata(identity.metadata())
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(identity.name())
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(identity.name())
        .withNamespace(identity.namespace())
        .endSubject()
        .build();
  }
}
