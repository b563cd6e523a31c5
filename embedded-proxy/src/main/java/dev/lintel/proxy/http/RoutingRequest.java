package dev.lintel.proxy.http;

import dev.lintel.proxy.h1.RequestHead;
import dev.lintel.proxy.routing.RequestAttributes;

/**
 * The current request of a client connection as route conditions see it. One per connection,
 * pointed at each request in turn, so that a lookup allocates nothing unless a route actually has a
 * method, header or query condition to check.
 */
final class RoutingRequest implements RequestAttributes {
  private RequestHead head;

  RoutingRequest of(RequestHead head) {
    this.head = head;
    return this;
  }

  @Override
  public String method() {
    return head.method();
  }

  @Override
  public String header(String lowerCaseName) {
    return head.headers().joinedValues(lowerCaseName);
  }

  @Override
  public String target() {
    return head.target();
  }
}
