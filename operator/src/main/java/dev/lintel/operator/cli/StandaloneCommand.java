package dev.lintel.operator.cli;

import dev.lintel.operator.admin.AdminServer;
import dev.lintel.operator.admin.AdminServer.Response;
import dev.lintel.operator.standalone.StandaloneOptions;
import dev.lintel.operator.standalone.StandaloneRuntime;
import dev.lintel.operator.standalone.StandaloneViews;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lintel standalone}: the whole of Lintel without a cluster, fed by a manifest directory.
 */
@Command(
    name = "standalone",
    description = "Serve the Gateways of a manifest directory without a cluster; reload on change.")
final class StandaloneCommand implements Callable<Integer> {
  @Option(
      names = "--manifests",
      required = true,
      description = "Directory of *.yaml|*.yml|*.json manifests.")
  Path manifests;

  @Option(
      names = "--port-offset",
      defaultValue = "0",
      description = "Added to every listener port.")
  int portOffset;

  @Option(
      names = "--admin-port",
      defaultValue = "9900",
      description = "Admin server port on 127.0.0.1.")
  int adminPort;

  @Option(
      names = "--address-pool",
      defaultValue = StandaloneOptions.DEFAULT_ADDRESS_POOL,
      description =
          "IPv4 range FIRST-LAST that Gateways without spec.addresses take an address from.")
  String addressPool;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(manifests)) {
      System.err.println("--manifests: " + manifests + " is not a directory");
      return 2;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StandaloneRuntime runtime =
        new StandaloneRuntime(
            new StandaloneOptions(manifests, portOffset, adminPort, addressPool), registry);
    runtime.start();
    AdminServer admin =
        new AdminServer("127.0.0.1", adminPort)
            .endpoint("/status", () -> Response.json(StandaloneViews.statusJson(runtime.view())))
            .endpoint("/config", () -> Response.json(StandaloneViews.configJson(runtime.view())))
            .endpoint("/errors", () -> Response.json(StandaloneViews.errorsJson(runtime.view())))
            .endpoint("/healthz", () -> Response.text(200, "ok\n"))
            .endpoint(
                "/readyz",
                () ->
                    runtime.view().ready()
                        ? Response.text(200, "ready\n")
                        : Response.text(
                            503, "not ready: a Gateway is not programmed, see /status\n"))
            .endpoint("/metrics", () -> Response.prometheus(registry.scrape()));
    int boundAdmin = admin.start();
    System.out.println(
        "lintel standalone: serving " + manifests + "; admin on http://127.0.0.1:" + boundAdmin);
    return Processes.runUntilStopped(runtime, admin);
  }
}
