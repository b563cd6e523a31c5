package dev.lintel.proxy.echo;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code delay} query parameter of a request, as the Gateway API conformance echo backend reads
 * it ({@code ?delay=1s} waits a second before answering): a Go duration such as {@code 500ms},
 * {@code 1.5s} or {@code 1m30s}. Timeout tests use it to make a backend slow for one request only.
 */
final class EchoDelay {
  private static final String PARAMETER = "delay";

  /** Longer waits are refused: a typo must not leave a test hanging for hours. */
  static final Duration MAX = Duration.ofHours(1);

  private static final Pattern PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");

  private EchoDelay() {}

  /**
   * How long to wait before answering a request for {@code uri}: zero without a {@code delay}
   * parameter.
   *
   * @throws IllegalArgumentException when the parameter is not a duration or exceeds {@link #MAX}
   */
  static Duration of(String uri) {
    List<String> values = new QueryStringDecoder(uri).parameters().get(PARAMETER);
    if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
      return Duration.ZERO;
    }
    return parse(values.get(0));
  }

  static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    int end = 0;
    while (part.lookingAt()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
      end = part.end();
      part.region(end, text.length());
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalArgumentException("delay '" + text + "' is not a duration like 500ms or 1s");
    }
    if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
      throw new IllegalArgumentException("delay '" + text + "' is longer than " + MAX);
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static BigDecimal nanosPer(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L; // h, the only unit PART leaves
        });
  }
}
