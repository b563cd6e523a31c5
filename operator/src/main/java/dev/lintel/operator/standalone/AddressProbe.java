package dev.lintel.operator.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Finds out whether this machine can serve on an IP address by binding an ephemeral port on it,
 * which is what the proxy will do with its listener ports: an address of no local interface fails
 * ("Cannot assign requested address"), a loopback or local address succeeds. Deciding by a pattern
 * (loopback, private ranges) would be wrong both ways.
 */
final class AddressProbe {
  private AddressProbe() {}

  /** Why the address cannot be bound, or empty when it can. {@code ip} must be an IP literal. */
  static Optional<String> problem(String ip) {
    try (ServerSocket socket = new ServerSocket()) {
      // A literal: getByName parses it and asks no resolver.
      socket.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
