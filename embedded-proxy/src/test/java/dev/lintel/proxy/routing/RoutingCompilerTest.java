package dev.lintel.proxy.routing;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lintel.proxy.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingCompilerTest {
  @Test
  void routesByListenerThenHostThenPath() throws ConfigException {
    RoutingTables tables =
        RoutingCompiler.compile(
            config(
                listener(
                    80,
                    vhost(
                        List.of("foo.example.com"), prefix("foo", "/", backend("b", 1, local(1)))),
                    vhost(
                        List.of("*.example.com"),
                        prefix("wild", "/api", backend("b", 1, local(1)))),
                    anyHost(prefix("default", "/", backend("b", 1, local(1))))),
                listener(
                    81,
                    vhost(
                        List.of("bar.example.com"),
                        prefix("bar", "/", backend("b", 1, local(1)))))));
    ListenerRoutes port80 = tables.listener(80);
    assertThat(port80.find("FOO.example.com:80", "/x").name()).isEqualTo("foo");
    assertThat(port80.find("a.example.com", "/api/v1").name()).isEqualTo("wild");
    // A host's routes are not merged with the catch-all's: no route there means 404.
    assertThat(port80.find("a.example.com", "/other")).isNull();
    assertThat(port80.find("unknown.org", "/other").name()).isEqualTo("default");
    assertThat(port80.find(null, "/").name()).isEqualTo("default");
    assertThat(tables.listener(81).find("foo.example.com", "/")).isNull();
    assertThat(tables.listener(81).find("bar.example.com", "/").name()).isEqualTo("bar");
    assertThat(tables.listener(82)).isNull();
  }

  @Test
  void rejectsDuplicatePorts() {
    assertThatThrownBy(() -> RoutingCompiler.compile(config(listener(80), listener(80))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port 80");
  }
}
