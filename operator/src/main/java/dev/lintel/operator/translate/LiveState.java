package dev.lintel.operator.translate;

import java.util.List;

/**
 * What a shell knows about a Gateway's data plane, which the pure translation cannot know.
 *
 * @param programmed whether the proxy serves the Gateway's current config
 * @param message a human explanation (why not, or where it serves)
 * @param addresses where the Gateway is reachable: IP addresses or host names
 */
public record LiveState(boolean programmed, String message, List<String> addresses) {
  public LiveState {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }
}
