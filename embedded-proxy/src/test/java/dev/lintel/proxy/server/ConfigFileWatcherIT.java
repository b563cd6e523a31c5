package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.metrics.ProxyMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-based config delivery: plain writes, atomic renames, Kubernetes symlink swaps, bad files.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfigFileWatcherIT {
  private static final Duration WITHIN = Duration.ofSeconds(1);

  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ProxyServer proxy;
  private ConfigFileWatcher watcher;

  @BeforeEach
  void startProxy() {
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(InetAddress.getLoopbackAddress())
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1)
                .withMeterRegistry(registry));
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    proxy.close();
  }

  private static ProxyConfig version(int n) {
    return config(
        listener(8080, anyHost(prefix("route-" + n, "/", backend("b", 1, local(1000 + n))))));
  }

  private double failures() {
    return registry.get(ProxyMetrics.CONFIG_RELOADS).tag("result", "failure").counter().count();
  }

  private void awaitConfig(ProxyConfig expected) {
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> expected.equals(proxy.currentConfig()));
  }

  @Test
  void appliesInPlaceWritesAndAtomicRenames() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml(version(1)));
    watcher = new ConfigFileWatcher(file, proxy, new ConfigParser());
    watcher.start();
    assertThat(proxy.currentConfig()).isEqualTo(version(1));

    Files.writeString(file, yaml(version(2)));
    awaitConfig(version(2));

    Path staged = dir.resolve(".config.yaml.tmp");
    Files.writeString(staged, yaml(version(3)));
    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    awaitConfig(version(3));
  }

  @Test
  void followsKubernetesDataSymlinkSwap() throws Exception {
    // The layout kubelet writes for a ConfigMap volume.
    Path first = Files.createDirectory(dir.resolve("..2024_01_01_00_00_00.1"));
    Files.writeString(first.resolve("config.yaml"), yaml(version(1)));
    Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
    Path file = dir.resolve("config.yaml");
    Files.createSymbolicLink(file, Path.of("..data/config.yaml"));
    watcher = new ConfigFileWatcher(file, proxy, new ConfigParser());
    watcher.start();
    assertThat(proxy.currentConfig()).isEqualTo(version(1));

    Path second = Files.createDirectory(dir.resolve("..2024_01_01_00_00_01.2"));
    Files.writeString(second.resolve("config.yaml"), yaml(version(2)));
    Path tmpLink = dir.resolve("..data_tmp");
    Files.createSymbolicLink(tmpLink, second.getFileName());
    Files.move(
        tmpLink,
        dir.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    awaitConfig(version(2));
  }

  /** Replaces the file atomically, so that the watcher never sees a half-written version. */
  private void replace(Path file, String text) throws Exception {
    Path staged = dir.resolve(".staged");
    Files.writeString(staged, text);
    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void badFileKeepsLastGoodConfigAndCountsAFailure() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml(version(1)));
    watcher = new ConfigFileWatcher(file, proxy, new ConfigParser());
    watcher.start();
    long generation = proxy.configGeneration();

    replace(file, "bogus: 1\n" + yaml(version(1)).replace("---\n", ""));
    await().atMost(WITHIN).until(() -> failures() == 1);
    assertThat(proxy.currentConfig()).isEqualTo(version(1));
    assertThat(proxy.configGeneration()).isEqualTo(generation);

    // Semantically invalid (port out of range) counts too; then a good file is applied again.
    replace(file, yaml(version(1)).replace("port: 8080", "port: 70000"));
    await().atMost(WITHIN).until(() -> failures() == 2);
    assertThat(proxy.currentConfig()).isEqualTo(version(1));
    replace(file, yaml(version(4)));
    awaitConfig(version(4));
    assertThat(failures()).isEqualTo(2);
  }

  @Test
  void badFileAtStartupIsAnError() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, "version: 1\ngateway: x\nlisteners: [ {");
    watcher = new ConfigFileWatcher(file, proxy, new ConfigParser());
    assertThatThrownBy(watcher::start)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.yaml");
    assertThat(proxy.isReady()).isFalse();
    assertThat(failures()).isEqualTo(1);
  }

  @Test
  void reloaderAppliesTextFromOtherSources() {
    ConfigReloader reloader = new ConfigReloader(proxy, new ConfigParser());
    assertThat(reloader.applyText(yaml(version(5)), "configmap ns/name")).isTrue();
    assertThat(proxy.currentConfig()).isEqualTo(version(5));
    assertThat(reloader.applyText("not: [valid", "configmap ns/name")).isFalse();
    assertThat(proxy.currentConfig()).isEqualTo(version(5));
    assertThat(failures()).isEqualTo(1);
  }
}
