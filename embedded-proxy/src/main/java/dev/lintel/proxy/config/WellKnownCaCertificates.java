package dev.lintel.proxy.config;

/** Trust stores a backend's certificate may chain to without a CA bundle of its own. */
public enum WellKnownCaCertificates {
  /** The trust store of the proxy's JVM. */
  System
}
