package dev.lintel.proxy.routing;

import dev.lintel.proxy.h1.HeaderEdits;
import dev.lintel.proxy.upstream.UpstreamAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One backend of a route, ready to hand out endpoints round robin. */
public final class CompiledBackend {
  private final String name;
  private final String rejected;
  private final UpstreamAddress[] endpoints;
  private final HeaderEdits requestEdits;
  private final HeaderEdits responseEdits;

  /** Shared by all event loops; a lock-free counter is cheaper than per-loop state here. */
  private final AtomicInteger next = new AtomicInteger();

  CompiledBackend(String name, String rejected, List<UpstreamAddress> endpoints) {
    this(name, rejected, endpoints, HeaderEdits.NONE, HeaderEdits.NONE);
  }

  /**
   * @param requestEdits the route's and this backend's request header changes, folded
   * @param responseEdits the route's and this backend's response header changes, folded
   */
  CompiledBackend(
      String name,
      String rejected,
      List<UpstreamAddress> endpoints,
      HeaderEdits requestEdits,
      HeaderEdits responseEdits) {
    this.name = name;
    this.rejected = rejected;
    this.endpoints = endpoints.toArray(new UpstreamAddress[0]);
    this.requestEdits = requestEdits;
    this.responseEdits = responseEdits;
  }

  /** Header changes for requests sent to this backend through its route. */
  public HeaderEdits requestEdits() {
    return requestEdits;
  }

  /** Header changes for responses from this backend through its route. */
  public HeaderEdits responseEdits() {
    return responseEdits;
  }

  public String name() {
    return name;
  }

  /** True when the backend reference is invalid: its share of requests is answered 500. */
  public boolean isRejected() {
    return rejected != null;
  }

  /** The next endpoint in round-robin order, or null when there is none (answered 503). */
  public UpstreamAddress nextEndpoint() {
    UpstreamAddress[] all = endpoints;
    if (all.length == 0) {
      return null;
    }
    if (all.length == 1) {
      return all[0];
    }
    return all[(next.getAndIncrement() & Integer.MAX_VALUE) % all.length];
  }

  UpstreamAddress[] endpoints() {
    return endpoints;
  }

  int endpointCount() {
    return endpoints.length;
  }
}
