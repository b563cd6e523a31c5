package dev.lintel.operator.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hands every Gateway its own loopback address, the way a cloud load balancer hands each Gateway
 * Service its own IP: the lowest free address of the pool, kept for the Gateway's lifetime.
 */
final class AddressPool {
  private final long first;
  private final long last;
  private final Map<String, Long> assigned = new HashMap<>();
  private final TreeSet<Long> inUse = new TreeSet<>();

  AddressPool(String firstAddress, String lastAddress) {
    this.first = toLong(firstAddress);
    this.last = toLong(lastAddress);
    if (first > last) {
      throw new IllegalArgumentException(
          "--address-pool: " + firstAddress + " is after " + lastAddress);
    }
  }

  /** Parses {@code FIRST-LAST}, e.g. {@code 127.0.0.1-127.0.0.254}. */
  static AddressPool parse(String range) {
    String[] parts = range.split("-", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "--address-pool: expected FIRST-LAST, got '" + range + "'");
    }
    return new AddressPool(parts[0].trim(), parts[1].trim());
  }

  /** The address of this Gateway: the one it already has, else the lowest free one. */
  synchronized Optional<String> addressFor(String gateway) {
    Long existing = assigned.get(gateway);
    if (existing != null) {
      return Optional.of(toText(existing));
    }
    for (long candidate = first; candidate <= last; candidate++) {
      if (!inUse.contains(candidate)) {
        assigned.put(gateway, candidate);
        inUse.add(candidate);
        return Optional.of(toText(candidate));
      }
    }
    return Optional.empty();
  }

  /** Returns the Gateway's address to the pool. */
  synchronized void release(String gateway) {
    Long address = assigned.remove(gateway);
    if (address != null) {
      inUse.remove(address);
    }
  }

  private static long toLong(String address) {
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length != 4) {
        throw new IllegalArgumentException("--address-pool: only IPv4 is supported: " + address);
      }
      long value = 0;
      for (byte b : bytes) {
        value = (value << 8) | (b & 0xff);
      }
      return value;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--address-pool: not an IP address: " + address, e);
    }
  }

  private static String toText(long value) {
    return ((value >> 24) & 0xff)
        + "."
        + ((value >> 16) & 0xff)
        + "."
        + ((value >> 8) & 0xff)
        + "."
        + (value & 0xff);
  }
}
