package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelDiffTest {
  @Test
  void equalModelsHaveNoDifference() {
    assertThat(
            ModelDiff.firstDifference(
                SampleConfigs.weightedBackends(), SampleConfigs.weightedBackends()))
        .isEmpty();
  }

  @Test
  void namesTheDeepestDifferingField() {
    ProxyConfig expected = SampleConfigs.rejectedBackend();
    ProxyConfig actual = SampleConfigs.rejectedBackend();
    Backend changed =
        expected.listeners().get(0).virtualHosts().get(0).routes().get(0).backends().get(0);
    actual = replaceFirstBackend(actual, new Backend(changed.name(), 7, changed.endpoints(), null));

    assertThat(ModelDiff.firstDifference(expected, actual))
        .contains(
            "listeners[0].virtualHosts[0].routes[0].backends[0].weight: expected 1 but read back"
                + " 7");
  }

  @Test
  void reportsDifferentListSizes() {
    ProxyConfig expected = SampleConfigs.severalListeners();
    ProxyConfig actual =
        new ProxyConfig(1, expected.gateway(), List.of(expected.listeners().get(0)));

    assertThat(ModelDiff.firstDifference(expected, actual))
        .contains("listeners: expected 2 items but read back 1");
  }

  @Test
  void quotesAndShortensStringsInTheMessage() {
    ProxyConfig expected = new ProxyConfig(1, "a\nb" + "x".repeat(200), List.of());
    ProxyConfig actual = new ProxyConfig(1, "other", List.of());

    assertThat(ModelDiff.firstDifference(expected, actual).orElseThrow())
        .startsWith("gateway: expected \"a\\u000Ab")
        .contains("(203 chars)")
        .endsWith("but read back \"other\"")
        .doesNotContain("\n");
  }

  @Test
  void nullAgainstValue() {
    Listener listener = new Listener("l", 1, Protocol.HTTP, List.of());
    assertThat(ModelDiff.firstDifference(listener, null))
        .contains("(root): expected Listener but read back null");
  }

  private static ProxyConfig replaceFirstBackend(ProxyConfig config, Backend backend) {
    Listener listener = config.listeners().get(0);
    VirtualHost host = listener.virtualHosts().get(0);
    Route route = host.routes().get(0);
    List<Backend> backends = new ArrayList<>(route.backends());
    backends.set(0, backend);
    Route newRoute = new Route(route.name(), route.match(), backends);
    VirtualHost newHost = new VirtualHost(host.name(), host.hostnames(), List.of(newRoute));
    Listener newListener =
        new Listener(listener.name(), listener.port(), listener.protocol(), List.of(newHost));
    return new ProxyConfig(config.version(), config.gateway(), List.of(newListener));
  }
}
