package dev.lintel.proxy.routing;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of one virtual host indexed by path, so that a lookup costs one hash probe per path
 * segment whatever the number of routes.
 *
 * <ul>
 *   <li>Exact paths: a hash map from the path to its candidates.
 *   <li>Prefixes: a trie of path segments; {@code /foo} matches {@code /foo}, {@code /foo/} and
 *       {@code /foo/bar} but not {@code /foobar}; a trailing slash in the prefix is ignored; {@code
 *       /} matches every path.
 *   <li>Regular expressions: a list in config order, each matched against the whole path (RE2,
 *       linear time); only virtual hosts that use them pay for them.
 * </ul>
 *
 * Exact beats a regular expression, which beats a prefix (the Gateway API leaves the rank of
 * regular expressions to implementations; this is Envoy Gateway's order); a longer prefix beats a
 * shorter one, and among equal matches the config order wins. Candidates are kept as lists in
 * config order so that routes with further conditions can fall through to the next candidate, then
 * to regular expressions and shorter prefixes.
 */
public final class PathIndex {
  private final Map<String, List<CompiledRoute>> exact = new HashMap<>();
  private final Node root = new Node();
  private final List<Pattern> regexes = new ArrayList<>(0);
  private final List<CompiledRoute> regexRoutes = new ArrayList<>(0);

  void addExact(String path, CompiledRoute route) {
    exact.computeIfAbsent(path, p -> new ArrayList<>(1)).add(route);
  }

  void addPrefix(String prefix, CompiledRoute route) {
    Node node = root;
    int end = prefix.length();
    while (end > 1 && prefix.charAt(end - 1) == '/') {
      end--;
    }
    int start = 1;
    while (start < end) {
      int slash = prefix.indexOf('/', start);
      int segmentEnd = slash < 0 || slash > end ? end : slash;
      node = node.child(prefix.substring(start, segmentEnd));
      start = segmentEnd + 1;
    }
    if (node.candidates == null) {
      node.candidates = new ArrayList<>(1);
    }
    node.candidates.add(route);
  }

  void addRegex(Pattern pattern, CompiledRoute route) {
    regexes.add(pattern);
    regexRoutes.add(route);
  }

  /**
   * The route for a path from {@link RequestPath} (a request without other attributes), or null.
   */
  public CompiledRoute find(String path) {
    return find(path, RequestAttributes.of("GET", path));
  }

  /** The route for a path from {@link RequestPath} and the rest of its request, or null. */
  public CompiledRoute find(String path, RequestAttributes request) {
    List<CompiledRoute> candidates = exact.get(path);
    if (candidates != null) {
      CompiledRoute route = firstAccepted(candidates, request);
      if (route != null) {
        return route;
      }
    }
    for (int i = 0, n = regexes.size(); i < n; i++) {
      CompiledRoute route = regexRoutes.get(i);
      if (regexes.get(i).matches(path) && route.accepts(request)) {
        return route;
      }
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      return null;
    }
    return longestPrefix(root, path, 1, request);
  }

  /**
   * Walks down the segments starting at {@code start} ({@code -1}: no more segments), then offers
   * the candidates from the deepest node back up to the root. Depth is bounded by the trie's depth,
   * never by the request path.
   */
  private static CompiledRoute longestPrefix(
      Node node, String path, int start, RequestAttributes request) {
    if (start >= 0 && node.children != null) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      Node child = node.children.get(path.substring(start, end));
      if (child != null) {
        CompiledRoute route = longestPrefix(child, path, slash < 0 ? -1 : slash + 1, request);
        if (route != null) {
          return route;
        }
      }
    }
    return node.candidates == null ? null : firstAccepted(node.candidates, request);
  }

  private static CompiledRoute firstAccepted(
      List<CompiledRoute> candidates, RequestAttributes request) {
    for (int i = 0, n = candidates.size(); i < n; i++) {
      CompiledRoute route = candidates.get(i);
      if (route.accepts(request)) {
        return route;
      }
    }
    return null;
  }

  private static final class Node {
    Map<String, Node> children;
    List<CompiledRoute> candidates;

    Node child(String segment) {
      if (children == null) {
        children = new HashMap<>();
      }
      return children.computeIfAbsent(segment, s -> new Node());
    }
  }
}
