package dev.lintel.templates;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the first place where two config models differ, as a path in the config text's terms
 * ({@code listeners[0].virtualHosts[1].routes[2].name}). Walks record components reflectively so a
 * field added to the schema later is compared without touching this class.
 */
final class ModelDiff {
  /** Values in messages end up in logs and status: cut them short, and quote them as JSON. */
  private static final int MAX_VALUE_CHARS = 80;

  private ModelDiff() {}

  /** The first difference, described; empty when the two are equal. */
  static Optional<String> firstDifference(Object expected, Object actual) {
    return compare("", expected, actual);
  }

  private static Optional<String> compare(String path, Object expected, Object actual) {
    if (Objects.equals(expected, actual)) {
      return Optional.empty();
    }
    if (expected != null
        && actual != null
        && expected.getClass() == actual.getClass()
        && expected.getClass().isRecord()) {
      for (RecordComponent component : expected.getClass().getRecordComponents()) {
        Optional<String> found =
            compare(
                join(path, component.getName()),
                valueOf(component, expected),
                valueOf(component, actual));
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (expected instanceof List<?> expectedList && actual instanceof List<?> actualList) {
      int common = Math.min(expectedList.size(), actualList.size());
      for (int i = 0; i < common; i++) {
        Optional<String> found =
            compare(path + "[" + i + "]", expectedList.get(i), actualList.get(i));
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.of(
          at(path)
              + ": expected "
              + expectedList.size()
              + " items but read back "
              + actualList.size());
    }
    return Optional.of(
        at(path) + ": expected " + summary(expected) + " but read back " + summary(actual));
  }

  private static Object valueOf(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String at(String path) {
    return path.isEmpty() ? "(root)" : path;
  }

  private static String summary(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      String shown = text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) : text;
      String quoted = JsonQuoting.quote(shown);
      return text.length() > MAX_VALUE_CHARS
          ? quoted + "... (" + text.length() + " chars)"
          : quoted;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
      return value.toString();
    }
    return value.getClass().getSimpleName();
  }
}
