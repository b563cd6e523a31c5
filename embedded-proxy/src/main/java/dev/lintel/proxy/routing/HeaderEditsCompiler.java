package dev.lintel.proxy.routing;

import dev.lintel.proxy.config.HeaderModifier;
import dev.lintel.proxy.config.HeaderValue;
import dev.lintel.proxy.h1.HeaderEdits;

/**
 * Folds the header modifiers of a route and of one of its backends into the one {@link HeaderEdits}
 * the proxy applies: the route's first, then the backend's (the more specific one has the last
 * word), each as remove, then set, then add.
 */
final class HeaderEditsCompiler {
  private HeaderEditsCompiler() {}

  static HeaderEdits compose(HeaderModifier first, HeaderModifier second) {
    if (first == null && second == null) {
      return HeaderEdits.NONE;
    }
    HeaderEdits.Builder builder = new HeaderEdits.Builder();
    apply(first, builder);
    apply(second, builder);
    return builder.build();
  }

  private static void apply(HeaderModifier modifier, HeaderEdits.Builder builder) {
    if (modifier == null) {
      return;
    }
    modifier.remove().forEach(builder::remove);
    for (HeaderValue header : modifier.set()) {
      builder.set(header.name(), header.value());
    }
    for (HeaderValue header : modifier.add()) {
      builder.add(header.name(), header.value());
    }
  }
}
