package dev.lintel.proxy.echo;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What an echo server has answered: a count and the last requests ({@code METHOD target}), so that
 * a test can see requests whose responses nobody reads (mirrored copies).
 */
final class RequestLog {
  private static final int KEEP = 1000;

  private final ArrayDeque<String> recent = new ArrayDeque<>();
  private int count;

  synchronized void record(String method, String target) {
    count++;
    if (recent.size() == KEEP) {
      recent.removeFirst();
    }
    recent.addLast(method + " " + target);
  }

  synchronized int count() {
    return count;
  }

  synchronized List<String> recent() {
    return List.copyOf(recent);
  }
}
