package dev.lintel.operator.translate;

/** The condition types Lintel sets, as named by the Gateway API. */
public final class ConditionTypes {
  private ConditionTypes() {}

  /** The object (class, Gateway, listener, route parent) is valid and taken on by Lintel. */
  public static final String ACCEPTED = "Accepted";

  /** Live state: the data plane serves the object's configuration. */
  public static final String PROGRAMMED = "Programmed";

  /** Every reference the object makes (backends, route kinds) resolves and is permitted. */
  public static final String RESOLVED_REFS = "ResolvedRefs";

  /** A listener collides with another listener of the same Gateway on the same port. */
  public static final String CONFLICTED = "Conflicted";

  /**
   * An HTTPS listener whose hostname overlaps another HTTPS listener's on the same port: a client
   * may reuse one TLS connection for hosts of both (HTTP/2 connection coalescing), so which
   * certificate and which listener serve a request can surprise (GEP-3567).
   */
  public static final String OVERLAPPING_TLS_CONFIG = "OverlappingTLSConfig";

  /** Gateway: some port serves clients whose certificate does not validate (a warning). */
  public static final String INSECURE_FRONTEND_VALIDATION_MODE = "InsecureFrontendValidationMode";

  /** GatewayClass: the Gateway API CRDs in use are of a version Lintel supports. */
  public static final String SUPPORTED_VERSION = "SupportedVersion";
}
