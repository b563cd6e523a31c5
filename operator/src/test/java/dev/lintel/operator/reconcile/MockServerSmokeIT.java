package dev.lintel.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class MockServerSmokeIT {
  KubernetesClient client;

  @Test
  void crudWorks() {
    client.configMaps().inNamespace("a").resource(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().addToData("k", "v").build()).create();
    assertThat(client.configMaps().inNamespace("a").withName("x").get().getData()).containsEntry("k", "v");
    client.resources(GatewayClass.class).resource(new GatewayClassBuilder().withNewMetadata().withName("gc").endMetadata().withNewSpec().withControllerName("x/y").endSpec().build()).create();
    assertThat(client.resources(GatewayClass.class).list().getItems()).hasSize(1);
  }
}
