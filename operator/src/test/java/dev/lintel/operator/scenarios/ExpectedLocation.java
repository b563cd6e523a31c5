package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

/**
 * Where a redirect must point, compared part by part as the upstream suite compares its {@code
 * RedirectRequest}: scheme, host, port and path. A port of -1 means none in the Location, which is
 * what the suite expects when the port is the scheme's well-known one.
 *
 * @param scheme the scheme
 * @param host the host name, without port
 * @param port the port, or -1 for none
 * @param path the path
 */
record ExpectedLocation(String scheme, String host, int port, String path) {
  static final int NO_PORT = -1;

  void assertMatches(URI location, Object request) {
    assertThat(location.getScheme()).as("scheme of %s for %s", location, request).isEqualTo(scheme);
    assertThat(location.getHost()).as("host of %s for %s", location, request).isEqualTo(host);
    assertThat(location.getPort()).as("port of %s for %s", location, request).isEqualTo(port);
    assertThat(location.getRawPath()).as("path of %s for %s", location, request).isEqualTo(path);
  }
}
