package dev.lintel.operator.cli;

import dev.lintel.operator.admin.AdminServer;
import dev.lintel.operator.admin.AdminServer.Response;
import dev.lintel.operator.reconcile.LintelOperator;
import dev.lintel.operator.reconcile.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lintel operator}: the controller, against the cluster of the kubeconfig or the pod. */
@Command(name = "operator", description = "Run the Gateway API controller in a cluster.")
final class OperatorCommand implements Callable<Integer> {
  @Option(
      names = "--proxy-image",
      defaultValue = "${env:LINTEL_PROXY_IMAGE:-ghcr.io/lintel-dev/lintel:0.1.0}",
      description =
          "Image of the proxy Deployments (default: $LINTEL_PROXY_IMAGE or ${DEFAULT-VALUE}).")
  String proxyImage;

  @Option(names = "--namespace", description = "Watch only this namespace (default: all).")
  String namespace;

  @Option(
      names = "--admin-port",
      defaultValue = "9902",
      description = "Port of /healthz and /readyz.")
  int adminPort;

  @Override
  public Integer call() throws Exception {
    KubernetesClient client = new KubernetesClientBuilder().build();
    LintelOperator operator =
        LintelOperator.start(client, new OperatorSettings(proxyImage, true, namespace));
    AdminServer admin =
        new AdminServer("0.0.0.0", adminPort)
            .endpoint("/healthz", () -> Response.text(200, "ok\n"))
            .endpoint("/readyz", () -> Response.text(200, "ready\n"));
    admin.start();
    System.out.println("lintel operator: running; proxy image " + proxyImage);
    return Processes.runUntilStopped(operator, admin, client);
  }
}
