package dev.lintel.operator.translate;

import dev.lintel.proxy.config.DirectResponse;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import java.util.List;
import java.util.Map;

/**
 * The experimental {@code DirectResponse} HTTPRoute filter ({@code directResponse: {statusCode,
 * body: {string}}}): the rule answers with a fixed status and optional body instead of proxying.
 *
 * <p>The fabric8 7.5.2 model predates the field, so it is read from the filter's additional
 * properties, with the API's schema checked here (statusCode 100 to 599, body at most 4,096
 * characters) since standalone mode has no API server to enforce it.
 */
final class DirectResponseFilter {
  static final String TYPE = "DirectResponse";
  private static final String FIELD = "directResponse";

  private DirectResponseFilter() {}

  /**
   * Checks the filter: schema violations go to {@code invalid} (the route is rejected), valid
   * values the proxy cannot send to {@code unsupported}.
   *
   * @return false when the rule must answer 500 instead
   */
  static boolean check(
      HTTPRouteFilter filter,
      boolean hasBackends,
      String at,
      List<String> invalid,
      List<String> unsupported) {
    String fieldAt = at + "." + FIELD;
    Object value = filter.getAdditionalProperties().get(FIELD);
    if (!(value instanceof Map<?, ?> fields)) {
      invalid.add(fieldAt + ": required by the filter type");
      return true;
    }
    Object status = fields.get("statusCode");
    if (!(status instanceof Integer code)) {
      invalid.add(fieldAt + ".statusCode: required, an integer");
      return true;
    }
    if (code < 100 || code > 599) {
      invalid.add(fieldAt + ".statusCode: " + code + " is not in 100..599");
      return true;
    }
    String body;
    try {
      body = bodyOf(fields);
    } catch (IllegalArgumentException e) {
      invalid.add(fieldAt + ".body" + e.getMessage());
      return true;
    }
    if (body != null && body.length() > DirectResponse.MAX_BODY_LENGTH) {
      invalid.add(
          fieldAt
              + ".body.string: "
              + body.length()
              + " characters, more than "
              + DirectResponse.MAX_BODY_LENGTH);
      return true;
    }
    if (hasBackends) {
      invalid.add(at + ": a rule with a DirectResponse filter must not have backendRefs");
      return true;
    }
    if (code < 200) {
      unsupported.add(
          fieldAt + ".statusCode: " + code + " cannot end an exchange; the rule is answered 500");
      return false;
    }
    if (body != null && !body.isEmpty() && (code == 204 || code == 304)) {
      unsupported.add(
          fieldAt + ".body: a " + code + " response has no body; the rule is answered 500");
      return false;
    }
    return true;
  }

  /** The filter's response; call only on a filter {@link #check} accepted. */
  static DirectResponse of(HTTPRouteFilter filter) {
    Map<?, ?> fields = (Map<?, ?>) filter.getAdditionalProperties().get(FIELD);
    return new DirectResponse((Integer) fields.get("statusCode"), bodyOf(fields));
  }

  /** {@code body.string}, or null without a body; a malformed body throws with the field path. */
  private static String bodyOf(Map<?, ?> fields) {
    Object body = fields.get("body");
    if (body == null) {
      return null;
    }
    if (!(body instanceof Map<?, ?> bodyFields) || !(bodyFields.get("string") instanceof String)) {
      throw new IllegalArgumentException(".string: required when body is given, a string");
    }
    return (String) bodyFields.get("string");
  }
}
