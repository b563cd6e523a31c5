package dev.lintel.operator.translate;

/**
 * Every condition reason Lintel writes, in one place. Names and values are the Gateway API's where
 * the spec has one.
 */
public final class Reasons {
  private Reasons() {}

  /** Accepted=True: the object is valid and Lintel serves it. */
  public static final String ACCEPTED = "Accepted";

  /**
   * Gateway Accepted/Programmed=False: the spec breaks a rule the API server would enforce; the
   * same for a BackendTLSPolicy (Accepted=False).
   */
  public static final String INVALID = "Invalid";

  /**
   * Gateway or ListenerSet Accepted=False: none of its listeners is accepted; Accepted=True: some
   * of them are not.
   */
  public static final String LISTENERS_NOT_VALID = "ListenersNotValid";

  /** Gateway Accepted=False: {@code spec.addresses} has a type Lintel does not serve. */
  public static final String UNSUPPORTED_ADDRESS = "UnsupportedAddress";

  /** Gateway Programmed=False: a requested address cannot be used (message names it). */
  public static final String ADDRESS_NOT_USABLE = "AddressNotUsable";

  /** GatewayClass SupportedVersion=True: the Gateway API CRDs are of a supported version. */
  public static final String SUPPORTED_VERSION = "SupportedVersion";

  /**
   * GatewayClass SupportedVersion=False: a Gateway API CRD has no or an unsupported bundle version.
   */
  public static final String UNSUPPORTED_VERSION = "UnsupportedVersion";

  /** Gateway Accepted=False: {@code spec.infrastructure.parametersRef} cannot be resolved. */
  public static final String INVALID_PARAMETERS = "InvalidParameters";

  /** ListenerSet Accepted/Programmed=False: the parent Gateway's allowedListeners refuse it. */
  public static final String NOT_ALLOWED = "NotAllowed";

  /** ListenerSet Accepted/Programmed=False: the parent Gateway is not accepted. */
  public static final String PARENT_NOT_ACCEPTED = "ParentNotAccepted";

  /** Listener OverlappingTLSConfig=True: its hostname overlaps another HTTPS listener's. */
  public static final String OVERLAPPING_HOSTNAMES = "OverlappingHostnames";

  /** Programmed=True: the data plane serves the current config. */
  public static final String PROGRAMMED = "Programmed";

  /** Programmed=False: the data plane does not serve the current config yet. */
  public static final String PENDING = "Pending";

  /**
   * Listener Accepted=False: this version of Lintel does not serve the listener's protocol. Route
   * ResolvedRefs=False: a GRPCRoute backend's port names a protocol other than cleartext HTTP/2.
   */
  public static final String UNSUPPORTED_PROTOCOL = "UnsupportedProtocol";

  /**
   * Listener, route, BackendTLSPolicy and (with a backend client certificate) Gateway
   * ResolvedRefs=True: every reference resolves.
   */
  public static final String RESOLVED_REFS = "ResolvedRefs";

  /** Listener ResolvedRefs=False: allowedRoutes.kinds names a kind the listener cannot serve. */
  public static final String INVALID_ROUTE_KINDS = "InvalidRouteKinds";

  /**
   * Listener ResolvedRefs=False: a certificateRef names something other than a Secret, a Secret
   * that does not exist or is not a {@code kubernetes.io/tls} Secret, or one whose certificate and
   * key are unusable or do not belong together.
   */
  public static final String INVALID_CERTIFICATE_REF = "InvalidCertificateRef";

  /**
   * Listener ResolvedRefs=False: a caCertificateRef of the Gateway's {@code tls.frontend} that
   * applies to the listener's port names a ConfigMap that does not exist or has no usable {@code
   * ca.crt}; BackendTLSPolicy ResolvedRefs=False: the same for one of its caCertificateRefs.
   */
  public static final String INVALID_CA_CERTIFICATE_REF = "InvalidCACertificateRef";

  /** Listener ResolvedRefs=False: a caCertificateRef names a kind other than a core ConfigMap. */
  public static final String INVALID_CA_CERTIFICATE_KIND = "InvalidCACertificateKind";

  /**
   * Listener Accepted=False: the client certificate validation of the listener's port has no usable
   * CA bundle, so no client could be validated; BackendTLSPolicy Accepted=False: none of its
   * caCertificateRefs is usable, so no backend could be trusted.
   */
  public static final String NO_VALID_CA_CERTIFICATE = "NoValidCACertificate";

  /**
   * Gateway InsecureFrontendValidationMode=True: {@code tls.frontend} (default or a port) uses
   * {@code AllowInsecureFallback}, which serves clients without a valid certificate.
   */
  public static final String CONFIGURATION_CHANGED = "ConfigurationChanged";

  /** Listener Conflicted=False. */
  public static final String NO_CONFLICTS = "NoConflicts";

  /**
   * Listener Conflicted=True: another listener has the same port, protocol and hostname. Route
   * Accepted=False (not a reason the spec names; Istio and Traefik use it too): on a listener, an
   * older route of the other kind (HTTPRoute, GRPCRoute) shares a hostname with this one, and the
   * spec lets only one of them attach.
   */
  public static final String HOSTNAME_CONFLICT = "HostnameConflict";

  /** Listener Conflicted=True: another listener uses the same port with another protocol. */
  public static final String PROTOCOL_CONFLICT = "ProtocolConflict";

  /**
   * Route Accepted=False: the parentRef's listeners do not allow this route (namespace or kind).
   */
  public static final String NOT_ALLOWED_BY_LISTENERS = "NotAllowedByListeners";

  /** Route Accepted=False: no hostname of the route intersects a selected listener's hostname. */
  public static final String NO_MATCHING_LISTENER_HOSTNAME = "NoMatchingListenerHostname";

  /** Route Accepted=False: the parentRef's sectionName or port selects no listener. */
  public static final String NO_MATCHING_PARENT = "NoMatchingParent";

  /** Route Accepted=False: a value is invalid or not supported by this version (field named). */
  public static final String UNSUPPORTED_VALUE = "UnsupportedValue";

  /**
   * Route ResolvedRefs=False: a backendRef names a Service, or a Service port, that does not exist.
   */
  public static final String BACKEND_NOT_FOUND = "BackendNotFound";

  /**
   * Route ResolvedRefs=False: a backendRef names a kind other than core Service; BackendTLSPolicy
   * ResolvedRefs=False: a caCertificateRef names a kind other than core ConfigMap.
   */
  public static final String INVALID_KIND = "InvalidKind";

  /**
   * BackendTLSPolicy Accepted=False: an older policy (then the first by namespace/name) targets the
   * same Service and port.
   */
  public static final String CONFLICTED = "Conflicted";

  /**
   * Route ResolvedRefs=False (Lintel's own reason; the spec names none): a backendRef's Service is
   * governed by a BackendTLSPolicy that is not accepted or does not resolve all its references, so
   * its share of requests is answered 500 rather than sent without the TLS the policy asks for.
   */
  public static final String INVALID_BACKEND_TLS_POLICY = "InvalidBackendTLSPolicy";

  /**
   * Gateway ResolvedRefs=False: {@code spec.tls.backend.clientCertificateRef} names something other
   * than a Secret, a Secret that does not exist, or one without a usable certificate and key.
   */
  public static final String INVALID_CLIENT_CERTIFICATE_REF = "InvalidClientCertificateRef";

  /**
   * Route ResolvedRefs=False: a cross-namespace backendRef without a ReferenceGrant allowing it;
   * listener ResolvedRefs=False: the same for a certificateRef; Gateway ResolvedRefs=False: the
   * same for {@code spec.tls.backend.clientCertificateRef}.
   */
  public static final String REF_NOT_PERMITTED = "RefNotPermitted";
}
