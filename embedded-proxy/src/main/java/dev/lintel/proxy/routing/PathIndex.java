package dev.lintel.proxy.routing;

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
 * </ul>
 *
 * Exact beats prefix, a longer prefix beats a shorter one, and among equal matches the config order
 * wins. Candidates are kept as lists in config order so that routes with further conditions can
 * fall through to the next candidate, then to shorter prefixes.
 */
public final class PathIndex {
  private final Map<String, List<CompiledRoute>> exact = new HashMap<>();
  private final Node root = new Node();

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

  /** The route for a path from {@link RequestPath}, or null. */
  public CompiledRoute find(String path) {
    List<CompiledRoute> candidates = exact.get(path);
    if (candidates != null) {
      CompiledRoute route = firstAccepted(candidates);
      if (route != null) {
        return route;
      }
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      return null;
    }
    return longestPrefix(root, path, 1);
  }

  /**
   * Walks down the segments starting at {@code start} ({@code -1}: no more segments), then offers
   * the candidates from the deepest node back up to the root. Depth is bounded by the trie's depth,
   * never by the request path.
   */
  private static CompiledRoute longestPrefix(Node node, String path, int start) {
    if (start >= 0 && node.children != null) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      Node child = node.children.get(path.substring(start, end));
      if (child != null) {
        CompiledRoute route = longestPrefix(child, path, slash < 0 ? -1 : slash + 1);
        if (route != null) {
          return route;
        }
      }
    }
    return node.candidates == null ? null : firstAccepted(node.candidates);
  }

  private static CompiledRoute firstAccepted(List<CompiledRoute> candidates) {
    for (int i = 0, n = candidates.size(); i < n; i++) {
      CompiledRoute route = candidates.get(i);
      if (route.accepts()) {
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
