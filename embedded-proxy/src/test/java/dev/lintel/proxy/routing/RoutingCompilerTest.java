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

import dev.lintel.proxy.config.BackendProtocol;
import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.VirtualHost;
import dev.lintel.proxy.upstream.UpstreamAddress;
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

  @Test
  void recompileReusesUnchangedHostsAndPicksUpChangedOnes() throws ConfigException {
    RoutingCompiler compiler = new RoutingCompiler();
    RoutingTables first =
        compiler.recompile(
            config(
                listener(
                    80,
                    named("a", "a.example.com", prefix("a", "/", backend("b", 1, local(1)))),
                    named("b", "b.example.com", prefix("b", "/", backend("b", 1, local(2)))),
                    named("c", "c.example.com", prefix("c", "/", backend("b", 1, local(3)))))));
    assertThat(compiler.reusedHosts()).isZero();

    // Freshly built records, as a parse of a new file gives: equal values, new instances.
    RoutingTables second =
        compiler.recompile(
            config(
                listener(
                    80,
                    named("a", "a.example.com", prefix("a", "/", backend("b", 1, local(1)))),
                    // Same name, changed endpoint: must be compiled again.
                    named("b", "b.example.com", prefix("b", "/", backend("b", 1, local(9)))),
                    named("d", "d.example.com", prefix("d", "/", backend("b", 1, local(4)))))));
    assertThat(compiler.reusedHosts()).isEqualTo(1);
    ListenerRoutes before = first.listener(80);
    ListenerRoutes after = second.listener(80);
    assertThat(after.find("a.example.com", "/")).isSameAs(before.find("a.example.com", "/"));
    assertThat(after.find("b.example.com", "/").backends().pick().nextEndpoint().port())
        .isEqualTo(9);
    assertThat(before.find("b.example.com", "/").backends().pick().nextEndpoint().port())
        .isEqualTo(2);
    assertThat(after.find("c.example.com", "/")).isNull();
    assertThat(after.find("d.example.com", "/").name()).isEqualTo("d");
  }

  @Test
  void hostRenamedOrMovedToAnotherNameIsServedUnderItsNewName() throws ConfigException {
    RoutingCompiler compiler = new RoutingCompiler();
    compiler.recompile(
        config(listener(80, named("a", "a.example.com", prefix("a", "/", backend("b", 1))))));
    RoutingTables tables =
        compiler.recompile(
            config(listener(80, named("a", "z.example.com", prefix("a", "/", backend("b", 1))))));
    assertThat(compiler.reusedHosts()).isZero();
    assertThat(tables.listener(80).find("a.example.com", "/")).isNull();
    assertThat(tables.listener(80).find("z.example.com", "/").name()).isEqualTo("a");
  }

  @Test
  void failedRecompileKeepsWhatTheLastGoodOneBuilt() throws ConfigException {
    RoutingCompiler compiler = new RoutingCompiler();
    compiler.recompile(
        config(listener(80, named("a", "a.example.com", prefix("a", "/", backend("b", 1))))));
    assertThatThrownBy(() -> compiler.recompile(config(listener(80), listener(80))))
        .isInstanceOf(ConfigException.class);
    compiler.recompile(
        config(listener(80, named("a", "a.example.com", prefix("a", "/", backend("b", 1))))));
    assertThat(compiler.reusedHosts()).isEqualTo(1);
  }

  @Test
  void endpointsAreInternedWithinAndAcrossCompiles() throws ConfigException {
    RoutingCompiler compiler = new RoutingCompiler();
    ListenerRoutes first =
        compiler
            .recompile(
                config(
                    listener(
                        80,
                        named("a", "a.example.com", prefix("a", "/", backend("b", 1, local(7)))),
                        named("b", "b.example.com", prefix("b", "/", backend("b", 1, local(7)))))))
            .listener(80);
    assertThat(first.find("a.example.com", "/").backends().pick().nextEndpoint())
        .isSameAs(first.find("b.example.com", "/").backends().pick().nextEndpoint());
    ListenerRoutes second =
        compiler
            .recompile(
                config(
                    listener(
                        80,
                        named("c", "c.example.com", prefix("c", "/", backend("b", 1, local(7)))))))
            .listener(80);
    assertThat(second.find("c.example.com", "/").backends().pick().nextEndpoint())
        .isSameAs(first.find("a.example.com", "/").backends().pick().nextEndpoint());
  }

  @Test
  void anHttp2BackendWithTlsGetsOneAddressSpeakingBoth() throws ConfigException {
    BackendTls tls = new BackendTls("grpc.example.com", List.of("cas/a"), null, List.of(), null);
    ListenerRoutes routes =
        RoutingCompiler.compile(
                config(
                    listener(
                        80,
                        anyHost(
                            prefix(
                                "grpc",
                                "/",
                                backend("b", 1, local(7))
                                    .withProtocol(BackendProtocol.H2C)
                                    .withTls(tls))))))
            .listener(80);

    UpstreamAddress address = routes.find("a", "/").backends().pick().nextEndpoint();

    assertThat(address.isH2c()).isTrue();
    assertThat(address.tls()).isEqualTo(tls);
    assertThat(address).isNotEqualTo(new UpstreamAddress(address.host(), 7, true, null));
    assertThat(address).isNotEqualTo(new UpstreamAddress(address.host(), 7, false, tls));
  }

  private static VirtualHost named(String name, String hostname, Route... routes) {
    return new VirtualHost(name, List.of(hostname), List.of(routes));
  }
}
