package dev.lintel.operator.cli;

import dev.lintel.operator.admin.AdminServer;
import dev.lintel.operator.admin.AdminServer.Response;
import dev.lintel.operator.provision.PortMapping;
import dev.lintel.operator.provision.ProxyDeploymentFactory;
import dev.lintel.operator.proxy.ConfigMapConfigSource;
import dev.lintel.operator.proxy.ConfigMapRef;
import dev.lintel.operator.proxy.SecretCertificateSource;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.server.ConfigFileWatcher;
import dev.lintel.proxy.server.ConfigReloader;
import dev.lintel.proxy.server.ProxyOptions;
import dev.lintel.proxy.server.ProxyServer;
import dev.lintel.proxy.tls.DirectoryCertificateSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lintel proxy}: the data plane of one Gateway. In a cluster it boots from the mounted
 * ConfigMap and certificate Secret and then follows those two objects through the API (its Role
 * allows nothing else); out of a cluster it follows a config file and a certificate directory.
 */
@Command(
    name = "proxy",
    description = "Serve one Gateway's proxy config from a file or a ConfigMap.")
final class ProxyCommand implements Callable<Integer> {
  static final class Source {
    @Option(names = "--config", description = "Config file to serve and follow.")
    Path file;

    @Option(
        names = "--configmap",
        description = "NAMESPACE/NAME of the ConfigMap to follow (in a proxy pod).")
    String configMap;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(
      names = "--mounted-config",
      defaultValue = ProxyDeploymentFactory.CONFIG_MOUNT_PATH,
      description = "With --configmap: the directory where the ConfigMap is mounted for boot.")
  Path mounted;

  @Option(
      names = "--certs",
      description =
          "Directory of the certificates HTTPS listeners reference: NAMESPACE_NAME.crt and"
              + " NAMESPACE_NAME.key per Secret. With --config it is polled every second; with"
              + " --configmap it is the mounted Secret of the same name, read at boot, which is"
              + " then followed through the API.")
  Path certificates;

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address listeners bind.")
  String bind;

  @Option(
      names = "--port-offset",
      defaultValue = "0",
      description = "With --config: added to every listener port.")
  int portOffset;

  @Option(
      names = "--admin-port",
      defaultValue = "9901",
      description = "Port of /healthz, /readyz, /metrics.")
  int adminPort;

  @Option(
      names = "--admin-bind",
      defaultValue = "0.0.0.0",
      description = "Address of the admin server (probes come from the kubelet).")
  String adminBind;

  @Option(
      names = "--event-loops",
      defaultValue = "0",
      description = "Event loop threads; 0 = one per core.")
  int eventLoops;

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    int threads = eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    ProxyOptions options =
        ProxyOptions.defaults()
            .withBindAddress(InetAddress.getByName(bind))
            .withEventLoopThreads(threads)
            .withMeterRegistry(registry)
            .withPortMapping(
                source.configMap != null ? PortMapping.asOperator() : port -> port + portOffset);
    ConfigParser parser = new ConfigParser();
    AutoCloseable follower;
    ProxyServer server;
    if (source.file != null) {
      DirectoryCertificateSource certificateFiles =
          certificates == null
              ? null
              : new DirectoryCertificateSource(certificates, Duration.ofSeconds(1));
      server =
          certificateFiles == null
              ? new ProxyServer(options)
              : new ProxyServer(options, certificateFiles);
      ConfigFileWatcher watcher = new ConfigFileWatcher(source.file, server, parser);
      watcher.start();
      follower =
          () -> {
            watcher.close();
            if (certificateFiles != null) {
              certificateFiles.close();
            }
          };
    } else {
      KubernetesClient client = new KubernetesClientBuilder().build();
      ConfigMapRef ref = ConfigMapRef.parse(source.configMap);
      SecretCertificateSource secret =
          new SecretCertificateSource(
              client,
              ref,
              certificates == null
                  ? Path.of(ProxyDeploymentFactory.CERTIFICATES_MOUNT_PATH)
                  : certificates);
      server = new ProxyServer(options, secret);
      ConfigMapConfigSource configMaps =
          new ConfigMapConfigSource(client, ref, new ConfigReloader(server, parser));
      if (Files.isDirectory(mounted)) {
        configMaps.loadMounted(mounted);
      }
      configMaps.start();
      secret.start();
      follower =
          () -> {
            configMaps.close();
            secret.close();
            client.close();
          };
    }
    AdminServer admin =
        new AdminServer(adminBind, adminPort)
            .endpoint("/healthz", () -> Response.text(200, "ok\n"))
            .endpoint(
                "/readyz",
                () ->
                    server.isReady()
                        ? Response.text(200, "ready\n")
                        : Response.text(503, "no config served yet\n"))
            .endpoint("/metrics", () -> Response.prometheus(registry.scrape()));
    admin.start();
    System.out.println(
        "lintel proxy: serving ports "
            + server.boundPorts()
            + "; admin on "
            + adminBind
            + ":"
            + adminPort);
    return Processes.runUntilStopped(follower, admin, server);
  }
}
