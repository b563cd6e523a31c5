package dev.lintel.operator.translate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway API durations (GEP-2257): one to four parts of up to five digits each with a unit of
 * {@code h}, {@code m}, {@code s} or {@code ms}, such as {@code 1h30m} or {@code 500ms}.
 */
final class Durations {
  private static final Pattern FORMAT = Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");
  private static final Pattern PART = Pattern.compile("([0-9]{1,5})(ms|h|m|s)");

  private Durations() {}

  /** The duration in milliseconds, or empty when the text is not a Gateway API duration. */
  static Optional<Long> millis(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      return Optional.empty();
    }
    long total = 0;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long value = Long.parseLong(part.group(1));
      total +=
          switch (part.group(2)) {
            case "h" -> value * 3_600_000L;
            case "m" -> value * 60_000L;
            case "s" -> value * 1_000L;
            default -> value;
          };
    }
    return Optional.of(total);
  }
}
