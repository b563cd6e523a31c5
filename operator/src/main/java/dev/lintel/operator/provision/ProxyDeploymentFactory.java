package dev.lintel.operator.provision;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy Deployment of one Gateway. The pod boots from the ConfigMap mounted at {@value
 * #CONFIG_MOUNT_PATH} and then follows the ConfigMap through the API ({@code lintel proxy
 * --configmap NS/NAME}), so a config change never restarts pods: deliberately no config-hash
 * annotation on the pod template.
 */
public final class ProxyDeploymentFactory {
  public static final String CONTAINER_NAME = "proxy";
  public static final String CONFIG_MOUNT_PATH = "/etc/lintel";

  /** Where the Gateway's certificate Secret is mounted (see ProxyCertificateSecretFactory). */
  public static final String CERTIFICATES_MOUNT_PATH = "/etc/lintel-certs";

  public static final int ADMIN_PORT = 9901;
  public static final String READINESS_PATH = "/readyz";

  /**
   * Read by the {@code java} launcher of the image (not by other JVMs in the container, such as
   * jcmd), so the proxy role gets its own JVM options without a different entry point.
   */
  public static final String JVM_OPTIONS_ENV = "JDK_JAVA_OPTIONS";

  /**
   * The proxy's JVM options on top of the image's entry point (SerialGC, native heap trimming).
   * Without them the JVM sizes its initial heap from the node's memory (the pod has a memory
   * request, no limit): 1/64 of a 16 GiB node is a 256 MiB heap whose young generation, a third of
   * it, is touched by every allocation, far beyond the 128 MiB memory request. 48 MiB is what the
   * benchmark runs ({@code bench/harness/settings.py}): 107-111 MiB RSS at 1,000 routes.
   */
  public static final String JVM_OPTIONS = "-Xms48m";

  /** The distroless "nonroot" user. */
  public static final long RUN_AS_USER = 65532L;

  private static final String CONFIG_VOLUME = "config";
  private static final String CERTIFICATES_VOLUME = "certificates";
  private static final String TMP_VOLUME = "tmp";

  public Deployment create(ProxyIdentity identity, ProvisionSettings settings) {
    return new DeploymentBuilder()
        .withMetadata(identity.metadata())
        .withNewSpec()
        .withReplicas(settings.replicas())
        .withNewSelector()
        .withMatchLabels(identity.selector())
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(identity.labels())
        .withAnnotations(identity.annotations().isEmpty() ? null : identity.annotations())
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(identity.name())
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUN_AS_USER)
        .withRunAsGroup(RUN_AS_USER)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(CONTAINER_NAME)
        .withImage(settings.proxyImage())
        .withArgs(
            "proxy",
            "--configmap",
            identity.namespace() + "/" + identity.name(),
            "--certs",
            CERTIFICATES_MOUNT_PATH)
        .addNewEnv()
        .withName(JVM_OPTIONS_ENV)
        .withValue(JVM_OPTIONS)
        .endEnv()
        .withPorts(containerPorts(identity))
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath(READINESS_PATH)
        .withPort(new IntOrString("admin"))
        .endHttpGet()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .withNewResources()
        .addToRequests("cpu", new Quantity(settings.cpuRequest()))
        .addToRequests("memory", new Quantity(settings.memoryRequest()))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withRunAsUser(RUN_AS_USER)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName(CONFIG_VOLUME)
        .withMountPath(CONFIG_MOUNT_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName(CERTIFICATES_VOLUME)
        .withMountPath(CERTIFICATES_MOUNT_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        // The root filesystem is read-only, but Netty unpacks its native epoll library and the
        // JVM keeps perf data under /tmp.
        .addNewVolumeMount()
        .withName(TMP_VOLUME)
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName(CONFIG_VOLUME)
        .withNewConfigMap()
        .withName(identity.name())
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName(CERTIFICATES_VOLUME)
        .withNewSecret()
        .withSecretName(identity.name())
        .endSecret()
        .endVolume()
        .addNewVolume()
        .withName(TMP_VOLUME)
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<ContainerPort> containerPorts(ProxyIdentity identity) {
    List<ContainerPort> ports = new ArrayList<>();
    for (int listenerPort : ListenerPorts.of(identity.gateway())) {
      ports.add(
          new ContainerPortBuilder()
              .withName(ListenerPorts.portName(listenerPort))
              .withContainerPort(PortMapping.containerPort(listenerPort))
              .withProtocol("TCP")
              .build());
    }
    ports.add(
        new ContainerPortBuilder()
            .withName("admin")
            .withContainerPort(ADMIN_PORT)
            .withProtocol("TCP")
            .build());
    return ports;
  }
}
