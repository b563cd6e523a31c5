package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The header checks of the upstream suite's expected requests and responses: each expected header
 * present with its values joined by commas (so {@code add} to a header already sent reads {@code
 * old,new} whether the proxy folded the values or repeated the header), each absent one missing
 * under any case of its name.
 */
final class HeaderAssertions {
  private HeaderAssertions() {}

  /**
   * @param where what the headers belong to, for failure messages
   * @param joined the comma-joined values of a header by name (any case), null when absent
   * @param present the headers that must be there, with their joined values
   * @param absent the headers that must not be there
   */
  static void assertHeaders(
      Object where,
      Function<String, String> joined,
      Map<String, String> present,
      List<String> absent) {
    present.forEach(
        (name, value) ->
            assertThat(joined.apply(name)).as("%s of %s", name, where).isEqualTo(value));
    absent.forEach(name -> assertThat(joined.apply(name)).as("%s of %s", name, where).isNull());
  }
}
