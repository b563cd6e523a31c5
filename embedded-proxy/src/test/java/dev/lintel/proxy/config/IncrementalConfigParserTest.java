package dev.lintel.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The incremental parser must be indistinguishable from {@link ConfigParser} in results and errors,
 * and must actually take the unchanged virtual hosts over (else it would pass by falling back).
 */
class IncrementalConfigParserTest {
  private static final JsonMapper JSON = new JsonMapper();

  private final ConfigParser parser = new ConfigParser();

  private static VirtualHost host(String name, String path, int port) {
    return new VirtualHost(
        name,
        List.of(name + ".example.com"),
        List.of(
            new Route(
                "default/" + name + "/0",
                RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, path)),
                List.of(
                    new Backend(
                        "default/" + name + ":80",
                        1,
                        List.of(new Endpoint("10.0.0.1", port)),
                        null)))));
  }

  private static List<VirtualHost> hosts(int count) {
    List<VirtualHost> hosts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      hosts.add(host("h" + i, "/r" + i, 8080));
    }
    return hosts;
  }

  private static ProxyConfig config(List<VirtualHost> first, List<VirtualHost> second) {
    return new ProxyConfig(
        1,
        "default/gw",
        List.of(
            new Listener("http", 8080, Protocol.HTTP, first),
            new Listener("other", 9090, Protocol.HTTP, second)));
  }

  private static String json(ProxyConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A parser that has seen {@code text} as its last good config. */
  private IncrementalConfigParser seeded(String text) throws ConfigException {
    IncrementalConfigParser incremental = new IncrementalConfigParser(parser);
    incremental.parse(utf8(text));
    assertThat(incremental.reusedHosts()).isZero();
    return incremental;
  }

  @Test
  void addingAHostReadsOnlyThatHostAndGivesTheFullParsesResult() throws Exception {
    List<VirtualHost> before = hosts(50);
    ProxyConfig first = config(before, List.of(host("x", "/", 1)));
    IncrementalConfigParser incremental = seeded(json(first));
    ProxyConfig previous = incremental.parse(utf8(json(first)));
    assertThat(incremental.reusedHosts()).isEqualTo(51);

    List<VirtualHost> after = new ArrayList<>(before);
    after.add(25, host("new", "/apply", 8080)); // in the middle: everything after it moves
    after.set(40, host("h39", "/changed", 8080));
    String changed = json(config(after, List.of(host("x", "/", 1))));

    ProxyConfig config = incremental.parse(utf8(changed));

    assertThat(config).isEqualTo(parser.parse(utf8(changed)));
    assertThat(incremental.reusedHosts()).isEqualTo(51 - 1);
    List<VirtualHost> read = config.listeners().get(0).virtualHosts();
    List<VirtualHost> was = previous.listeners().get(0).virtualHosts();
    // The very records: what lets the routing compiler reuse their tables by identity.
    assertThat(read.get(0)).isSameAs(was.get(0));
    assertThat(read.get(26)).isSameAs(was.get(25));
    assertThat(read.get(25)).isNotIn(was);
    assertThat(read.get(40)).isNotSameAs(was.get(39));
    assertThat(config.listeners().get(1).virtualHosts().get(0))
        .isSameAs(previous.listeners().get(1).virtualHosts().get(0));
  }

  @Test
  void hostsMovedBetweenListenersAndReorderedAreStillTheFullParsesResult() throws Exception {
    List<VirtualHost> all = hosts(6);
    IncrementalConfigParser incremental = seeded(json(config(all, List.of())));
    String moved =
        json(config(List.of(all.get(5), all.get(0)), List.of(all.get(2), all.get(1), all.get(3))));

    assertThat(incremental.parse(utf8(moved))).isEqualTo(parser.parse(utf8(moved)));
    assertThat(incremental.reusedHosts()).isEqualTo(5);
  }

  @Test
  void aRejectedTextGivesTheFullParsesErrorAndKeepsTheLastGoodHosts() throws Exception {
    String good = json(config(hosts(10), List.of()));
    IncrementalConfigParser incremental = seeded(good);
    List<String> broken =
        List.of(
            // a changed host with a bad value, and one with a bad hostname
            good.replace("\"/r3\"", "\"r3\""),
            good.replace("\"h4.example.com\"", "\"H4.example.com\""),
            // a new host that takes the name of an unchanged one
            good.replace("\"h4.example.com\"", "\"h5.example.com\""),
            // around the reused hosts: unknown field, duplicate key, wrong type, garbage
            good.replace("\"protocol\":\"HTTP\"", "\"protocol\":\"HTTP\",\"colour\":1"),
            good.replace("\"protocol\":\"HTTP\"", "\"protocol\":\"HTTP\",\"port\":80"),
            good.replace("\"virtualHosts\":[", "\"virtualHosts\":[],\"virtualHosts\":["),
            good.replace("\"version\":1", "\"version\":2"),
            good.replace("\"port\":8080,", "\"port\":\"8080\","),
            good + "x",
            good.substring(0, good.length() - 1),
            // numbers where hosts stand: must not be taken for the skeleton's references
            good.replace("\"virtualHosts\":[", "\"virtualHosts\":[0,"),
            good.replace("\"virtualHosts\":[", "\"virtualHosts\":[1,"),
            good.replace("]}]}", ",1]}]}"),
            good.replace("},{\"name\":\"h3\"", "}1,{\"name\":\"h3\""));
    for (String text : broken) {
      String expected = messageOf(() -> parser.parse(utf8(text)));
      assertThat(expected).as(text).isNotNull();
      assertThat(messageOf(() -> incremental.parse(utf8(text)))).as(text).isEqualTo(expected);
    }
    // Still remembers the last good config: a small change reuses all but one host.
    String next = good.replace("\"/r7\"", "\"/r7b\"");
    assertThat(incremental.parse(utf8(next))).isEqualTo(parser.parse(utf8(next)));
    assertThat(incremental.reusedHosts()).isEqualTo(9);
  }

  @Test
  void randomEditsGiveExactlyTheFullParsesResultOrError() throws Exception {
    String good = json(config(hosts(8), List.of(host("x", "/", 1))));
    String edits = "{}[],:\"\\0 1-a";
    Random random = new Random(42);
    int accepted = 0;
    int reusing = 0;
    for (int round = 0; round < 1500; round++) {
      StringBuilder text = new StringBuilder(good);
      for (int e = 0, count = 1 + random.nextInt(2); e < count; e++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, edits.charAt(random.nextInt(edits.length())));
          default -> text.setCharAt(at, edits.charAt(random.nextInt(edits.length())));
        }
      }
      byte[] bytes = utf8(text.toString());
      IncrementalConfigParser incremental = seeded(good);
      ProxyConfig expected = null;
      String error = null;
      try {
        expected = parser.parse(bytes);
        accepted++;
      } catch (ConfigException e) {
        error = e.getMessage();
      }
      if (error == null) {
        assertThat(incremental.parse(bytes)).as(text.toString()).isEqualTo(expected);
        if (incremental.reusedHosts() > 0) {
          reusing++;
        }
      } else {
        assertThat(messageOf(() -> incremental.parse(bytes))).as(text.toString()).isEqualTo(error);
      }
    }
    // Some edits (inside strings, whitespace) keep the text valid: both outcomes were compared.
    assertThat(accepted).isPositive();
    assertThat(reusing).isPositive();
  }

  @Test
  void yamlAndNonAsciiTextsAreParsedInFull() throws Exception {
    ProxyConfig config = config(hosts(3), List.of());
    String json = json(config);
    IncrementalConfigParser incremental = seeded(json);
    String yaml = "version: 1\ngateway: default/gw\nlisteners: []\n";
    assertThat(incremental.parse(utf8(yaml))).isEqualTo(parser.parse(yaml));
    assertThat(incremental.reusedHosts()).isZero();

    incremental.parse(utf8(json));
    String accented = json.replace("default/gw", "d\u00e9faut/gw");
    assertThat(incremental.parse(utf8(accented))).isEqualTo(parser.parse(accented));
    assertThat(incremental.reusedHosts()).isZero();
  }

  @Test
  void textIsParsedIncrementallyLikeItsBytes() throws Exception {
    String json = json(config(hosts(3), List.of()));
    IncrementalConfigParser incremental = new IncrementalConfigParser(parser);
    incremental.parse(json);
    String changed = json.replace("\"/r1\"", "\"/r1x\"");
    assertThat(incremental.parse(changed)).isEqualTo(parser.parse(changed));
    assertThat(incremental.reusedHosts()).isEqualTo(2);
    assertThatThrownBy(() -> incremental.parse(changed.replace("\"/r1x\"", "\"r1x\"")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "listeners[0].virtualHosts[1].routes[0].match.path.value: 'r1x' does not start with /");
  }

  private interface Parse {
    void run() throws ConfigException;
  }

  private static String messageOf(Parse parse) {
    try {
      parse.run();
      return null;
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }
}
