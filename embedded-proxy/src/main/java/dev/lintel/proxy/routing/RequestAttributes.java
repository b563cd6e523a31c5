package dev.lintel.proxy.routing;

/**
 * What route conditions beyond the host and path look at in a request. The proxy implements it over
 * its parsed request head; values are produced only when a route has a condition on them.
 */
public interface RequestAttributes {
  /** The request method as sent (methods are case-sensitive). */
  String method();

  /**
   * The value of a header, the values of a repeated header joined with {@code ","} (RFC 9110
   * section 5.3), or null when the request has none.
   *
   * @param lowerCaseName the header name in lower case
   */
  String header(String lowerCaseName);

  /** The request target as sent: the query parameters are read from it. */
  String target();

  /** A request with just a method and a target, and no headers (tests, tools). */
  static RequestAttributes of(String method, String target) {
    return new RequestAttributes() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String header(String lowerCaseName) {
        return null;
      }

      @Override
      public String target() {
        return target;
      }
    };
  }
}
