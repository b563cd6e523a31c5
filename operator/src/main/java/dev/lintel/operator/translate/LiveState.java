package dev.lintel.operator.translate;

import java.util.List;

/**
 * What a shell knows about a Gateway's data plane, which the pure translation cannot know.
 *
 * @param programmed whether the proxy serves the Gateway's current config
 * @param reason the reason of the Gateway's Programmed condition
 * @param message a human explanation (why not, or where it serves)
 * @param addresses where the Gateway is reachable: IP addresses or host names
 */
public record LiveState(boolean programmed, String reason, String message, List<String> addresses) {
  public LiveState {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }

  /** Programmed (reason {@code Programmed}) or waiting for the data plane ({@code Pending}). */
  public LiveState(boolean programmed, String message, List<String> addresses) {
    this(programmed, programmed ? Reasons.PROGRAMMED : Reasons.PENDING, message, addresses);
  }

  /**
   * Not programmed because a requested address cannot be used.
   *
   * @param addresses where the Gateway is reachable all the same (a load balancer may have given it
   *     another address), usually none
   */
  public static LiveState addressNotUsable(String message, List<String> addresses) {
    return new LiveState(false, Reasons.ADDRESS_NOT_USABLE, message, addresses);
  }
}
