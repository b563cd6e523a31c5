package dev.lintel.proxy.echo;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retry simulation of the Gateway API conformance echo backend, which the upstream retry tests
 * drive: a request under {@code /retry/} with {@code succeedAfter=N} fails the first N times its
 * {@code uuid} is seen and is echoed from the next time on. A failure is the status {@code
 * responseCode} or, without one, a TCP reset of the connection (as when a backend crashes), after
 * {@code delayRetry} (a Go duration) when given. Tests send a fresh uuid for every request, so that
 * each one's attempts, whichever connections the proxy sends them on, are counted apart.
 *
 * <p>One instance is shared by every connection of a server: a retry usually arrives on another
 * connection than the attempt before it.
 */
final class EchoRetry {
  static final String PATH_PREFIX = "/retry/";

  /** Uuids remembered: enough for any test, bounded so that a long-running demo does not grow. */
  private static final int KEEP = 10_000;

  private final Map<String, Integer> seen =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > KEEP;
        }
      };

  /**
   * A simulated failure.
   *
   * @param status the status to answer, or null to reset the connection
   * @param delay how long to wait before failing
   * @param attempt which attempt of the uuid this is (from 1)
   * @param succeedAfter how many attempts fail
   */
  record Failure(Integer status, Duration delay, int attempt, int succeedAfter) {
    boolean resets() {
      return status == null;
    }
  }

  /**
   * Counts a request for {@code uri} and returns how it fails, or null when it is answered as usual
   * (not under {@code /retry/}, no {@code succeedAfter}, or its uuid has failed often enough).
   *
   * @throws IllegalArgumentException when a parameter cannot be read
   */
  Failure attempt(String uri) {
    QueryStringDecoder query = new QueryStringDecoder(uri);
    String succeedAfterText = first(query, "succeedAfter");
    if (!query.path().startsWith(PATH_PREFIX) || succeedAfterText == null) {
      return null;
    }
    int succeedAfter = number("succeedAfter", succeedAfterText, 0, Integer.MAX_VALUE);
    String code = first(query, "responseCode");
    Integer status = code == null ? null : number("responseCode", code, 200, 599);
    String delayText = first(query, "delayRetry");
    Duration delay = delayText == null ? Duration.ZERO : EchoDelay.parse(delayText);
    String uuid = first(query, "uuid");
    int attempt;
    synchronized (seen) {
      attempt = seen.merge(uuid == null ? "" : uuid, 1, Integer::sum);
    }
    return attempt > succeedAfter ? null : new Failure(status, delay, attempt, succeedAfter);
  }

  private static String first(QueryStringDecoder query, String name) {
    List<String> values = query.parameters().get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }

  private static int number(String name, String text, int min, int max) {
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, with the parameter's name
    }
    throw new IllegalArgumentException(
        name + " '" + text + "' is not a number in " + min + ".." + max);
  }
}
