package dev.lintel.operator.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response as the client received it.
 *
 * @param request what was sent, for failure messages
 * @param status the status code
 * @param headers the response headers, names in lower case
 * @param body the body as text
 */
record ScenarioResponse(
    ScenarioRequest request, int status, Map<String, List<String>> headers, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The request an echo backend saw; fails when the answer did not come from a backend. */
  EchoedRequest echo() {
    try {
      return EchoedRequest.of(JSON.readTree(body));
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          request + " was not answered by an echo backend: " + status + " " + body, e);
    }
  }

  /** The values of a response header (any case), empty when absent. */
  List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  @Override
  public String toString() {
    return request + " -> " + status + " " + body;
  }

  /**
   * The values of a response header joined with commas, as the upstream suite compares them, or
   * null when there are none.
   */
  String joinedHeader(String name) {
    List<String> values = header(name);
    return values.isEmpty() ? null : String.join(",", values);
  }
}
