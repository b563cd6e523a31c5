package dev.lintel.operator.proxy;

/** The {@code NS/NAME} of {@code --configmap}. */
public record ConfigMapRef(String namespace, String name) {
  public ConfigMapRef {
    if (namespace == null || namespace.isEmpty() || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("namespace and name are required");
    }
  }

  /** Parses {@code NS/NAME}. */
  public static ConfigMapRef parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("expected NAMESPACE/NAME, got '" + text + "'");
    }
    return new ConfigMapRef(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
