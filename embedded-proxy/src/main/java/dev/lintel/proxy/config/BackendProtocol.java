package dev.lintel.proxy.config;

/**
 * The protocol the proxy speaks to a backend's endpoints, whatever the client speaks to the proxy.
 */
public enum BackendProtocol {
  /** HTTP/1.1 over clear text, with keep-alive: the default. */
  HTTP1,
  /**
   * HTTP/2 over clear text with prior knowledge: a Service port with {@code appProtocol:
   * kubernetes.io/h2c}, and the backends of GRPCRoutes (gRPC needs HTTP/2 end to end).
   */
  H2C
}
