package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKindBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a Gateway (or the listeners a ListenerSet merges into one) and decides, per listener,
 * whether it is accepted: protocol support, route kinds, conflicts with the other listeners on the
 * same port, and (HTTPS) its certificates and the client certificate validation of its port.
 */
final class ListenerTranslator {
  static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
  static final String HTTP_ROUTE = "HTTPRoute";
  static final String TLS_ROUTE = "TLSRoute";

  private static final Set<String> SERVED_PROTOCOLS = Set.of("HTTP", "HTTPS", "TLS");
  static final String HTTPS = "HTTPS";
  static final String TLS = "TLS";

  /**
   * Protocols that may share a port: the SNI tells their listeners apart, as long as their
   * hostnames differ (GatewayHTTPSAndTLSPassthroughSamePort).
   */
  private static final Set<String> SNI_PROTOCOLS = Set.of(HTTPS, TLS);

  /** Protocols whose listeners must not have {@code tls} (a CEL rule of the Gateway CRD). */
  private static final Set<String> NO_TLS_PROTOCOLS = Set.of("HTTP", "TCP", "UDP");

  static final String TERMINATE = "Terminate";
  static final String PASSTHROUGH = "Passthrough";

  /** The route kind each served protocol carries. */
  /** The route kinds each protocol's listeners serve, in the order {@code supportedKinds} lists. */
  private static final Map<String, List<String>> ROUTE_KINDS =
      Map.of(
          "HTTP",
          List.of(HTTP_ROUTE, RouteKind.GRPC_ROUTE.kind()),
          HTTPS,
          List.of(HTTP_ROUTE, RouteKind.GRPC_ROUTE.kind()),
          TLS,
          List.of(TLS_ROUTE));

  private static final Set<String> FROM_VALUES = Set.of("All", "Same", "Selector");
  private static final Pattern SECTION_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final int MAX_LISTENERS = 64;

  /**
   * @param certificates resolves the certificateRefs of HTTPS listeners
   * @param frontend resolves the client certificate validation of HTTPS ports
   */
  GatewayView translate(
      Gateway gateway, CertificateRefs certificates, FrontendValidation frontend) {
    Optional<String> problem = validate(gateway);
    if (problem.isPresent()) {
      return GatewayView.rejected(gateway, Reasons.INVALID, problem.get());
    }
    Optional<String> parameters = GatewayParameters.problem(gateway);
    if (parameters.isPresent()) {
      return GatewayView.rejected(gateway, Reasons.INVALID_PARAMETERS, parameters.get());
    }
    List<Listener> specs = gateway.getSpec().getListeners();
    Map<Integer, String> conflicts = conflicts(specs);
    List<ListenerView> views = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      views.add(view(gateway, specs.get(i), i, conflicts.get(i), certificates, frontend, gateway));
    }
    return GatewayView.of(gateway, OverlappingTlsConfig.mark(views, gateway));
  }

  /**
   * The listeners of a ListenerSet attached to a Gateway, merged after {@code earlier}: the
   * Gateway's own listeners and those of the ListenerSets that take precedence. A listener that
   * conflicts with an earlier one loses (Conflicted); the earlier one keeps serving, as the spec's
   * merge precedence asks. The parent's {@code tls.frontend} validates clients on their ports too:
   * the proxy validates per port, whoever declared the listener.
   */
  List<ListenerView> translate(
      HasMetadata listenerSet,
      List<Listener> specs,
      List<ListenerView> earlier,
      CertificateRefs certificates,
      FrontendValidation frontend,
      Gateway parent) {
    List<ListenerView> views = new ArrayList<>();
    List<Listener> before = new ArrayList<>();
    earlier.forEach(view -> before.add(view.spec()));
    for (int i = 0; i < specs.size(); i++) {
      Listener listener = specs.get(i);
      views.add(
          view(
              listenerSet,
              listener,
              i,
              conflictWithAny(listener, before),
              certificates,
              frontend,
              parent));
      before.add(listener);
    }
    return views;
  }

  /** What the API server's schema and CEL rules would refuse in a ListenerSet's listeners. */
  static Optional<String> validateListeners(List<Listener> listeners) {
    if (listeners == null || listeners.isEmpty()) {
      return Optional.of("spec.listeners: at least one listener is required");
    }
    return validate(listeners);
  }

  private ListenerView view(
      HasMetadata owner,
      Listener listener,
      int index,
      String conflict,
      CertificateRefs certificateRefs,
      FrontendValidation frontend,
      Gateway gateway) {
    String at = "spec.listeners[" + index + "]";
    String protocol = listener.getProtocol();
    List<Condition> conditions = new ArrayList<>();

    boolean served = SERVED_PROTOCOLS.contains(protocol);
    FrontendValidation.Resolution validation =
        served && HTTPS.equals(protocol) ? frontend.resolve(gateway, listener.getPort()) : null;
    boolean noValidCa = validation != null && validation.noValidCaCertificate();
    if (!served) {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.ACCEPTED,
              Reasons.UNSUPPORTED_PROTOCOL,
              at + ".protocol: " + protocol + " is not supported (supported: HTTP, HTTPS, TLS)",
              owner));
    } else if (conflict != null) {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.ACCEPTED,
              conflict,
              "listener conflicts with another listener on port " + listener.getPort(),
              owner));
    } else if (noValidCa) {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.ACCEPTED,
              Reasons.NO_VALID_CA_CERTIFICATE,
              "client certificate validation of port "
                  + listener.getPort()
                  + " has no usable CA certificate; see ResolvedRefs",
              owner));
    } else {
      conditions.add(
          Conditions.statusTrue(
              ConditionTypes.ACCEPTED, Reasons.ACCEPTED, "listener is accepted", owner));
    }

    List<RouteGroupKind> supported = new ArrayList<>();
    List<String> invalidKinds = new ArrayList<>();
    List<String> servedKinds = ROUTE_KINDS.getOrDefault(protocol, List.of());
    List<RouteGroupKind> requested = requestedKinds(listener);
    if (requested == null) {
      servedKinds.forEach(kind -> supported.add(routeKind(kind)));
    } else {
      for (int k = 0; k < requested.size(); k++) {
        RouteGroupKind kind = requested.get(k);
        String group = kind.getGroup() == null ? GATEWAY_GROUP : kind.getGroup();
        if (GATEWAY_GROUP.equals(group) && servedKinds.contains(kind.getKind())) {
          RouteGroupKind servedKind = routeKind(kind.getKind());
          if (!supported.contains(servedKind)) {
            supported.add(servedKind);
          }
        } else {
          invalidKinds.add(at + ".allowedRoutes.kinds[" + k + "]: " + group + "/" + kind.getKind());
        }
      }
    }
    CertificateRefs.Resolution certificates =
        served && terminates(listener)
            ? certificateRefs.resolve(
                owner instanceof Gateway ? "Gateway" : "ListenerSet",
                owner.getMetadata().getNamespace(),
                listener,
                at)
            : null;
    if (certificates != null && certificates.reason() != null) {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.RESOLVED_REFS, certificates.reason(), certificates.message(), owner));
    } else if (validation != null && validation.reason() != null) {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.RESOLVED_REFS, validation.reason(), validation.message(), owner));
    } else if (invalidKinds.isEmpty()) {
      conditions.add(
          Conditions.statusTrue(
              ConditionTypes.RESOLVED_REFS,
              Reasons.RESOLVED_REFS,
              "all references are resolved",
              owner));
    } else {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.RESOLVED_REFS,
              Reasons.INVALID_ROUTE_KINDS,
              "route kinds not supported on a "
                  + protocol
                  + " listener: "
                  + String.join(", ", invalidKinds),
              owner));
    }

    if (conflict != null) {
      conditions.add(
          Conditions.statusTrue(
              ConditionTypes.CONFLICTED,
              conflict,
              Reasons.HOSTNAME_CONFLICT.equals(conflict)
                  ? "another listener on port "
                      + listener.getPort()
                      + " has the same protocol and hostname"
                  : "another listener on port " + listener.getPort() + " has another protocol",
              owner));
    } else {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.CONFLICTED, Reasons.NO_CONFLICTS, "no conflicts", owner));
    }
    boolean accepted = served && conflict == null && !noValidCa;
    // An HTTPS listener none of whose certificates is usable stays accepted (its routes attach
    // and are counted) but gets no config: the proxy could not answer a handshake for it.
    boolean programmable =
        accepted && (certificates == null || !certificates.certificates().isEmpty());
    return new ListenerView(
        ObjectRef.of(owner),
        listener,
        index,
        accepted,
        programmable,
        certificates == null ? List.of() : certificates.certificates(),
        validation == null ? null : validation.validation(),
        List.copyOf(supported),
        conditions);
  }

  /**
   * Conflict reason per listener index: listeners sharing a port must share its protocol, and those
   * of one protocol must differ in hostname. Both sides of a conflict are marked, as the spec asks.
   */
  private static Map<Integer, String> conflicts(List<Listener> listeners) {
    Map<Integer, String> conflicts = new HashMap<>();
    for (int i = 0; i < listeners.size(); i++) {
      for (int j = 0; j < listeners.size(); j++) {
        if (i == j) {
          continue;
        }
        Listener a = listeners.get(i);
        Listener b = listeners.get(j);
        if (!a.getPort().equals(b.getPort())) {
          continue;
        }
        String conflict = conflict(a, b);
        if (Reasons.PROTOCOL_CONFLICT.equals(conflict)) {
          conflicts.put(i, conflict);
        } else if (conflict != null) {
          conflicts.putIfAbsent(i, conflict);
        }
      }
    }
    return conflicts;
  }

  /** The conflict of a listener with any of {@code others}, or null; a protocol conflict wins. */
  private static String conflictWithAny(Listener listener, List<Listener> others) {
    String conflict = null;
    for (Listener other : others) {
      if (!listener.getPort().equals(other.getPort())) {
        continue;
      }
      String found = conflict(listener, other);
      if (Reasons.PROTOCOL_CONFLICT.equals(found)) {
        return found;
      }
      if (found != null) {
        conflict = found;
      }
    }
    return conflict;
  }

  /**
   * The conflict between two listeners on one port, or null. Listeners of one protocol need
   * distinct hostnames; HTTPS and TLS ones may share the port as long as the SNI tells them apart
   * (distinct hostnames), else they conflict over the protocol; any other mix conflicts.
   */
  private static String conflict(Listener a, Listener b) {
    boolean sameHostname = Objects.equals(hostnameOf(a), hostnameOf(b));
    if (a.getProtocol().equals(b.getProtocol())) {
      return sameHostname ? Reasons.HOSTNAME_CONFLICT : null;
    }
    if (SNI_PROTOCOLS.contains(a.getProtocol()) && SNI_PROTOCOLS.contains(b.getProtocol())) {
      return sameHostname ? Reasons.PROTOCOL_CONFLICT : null;
    }
    return Reasons.PROTOCOL_CONFLICT;
  }

  /** Whether the proxy terminates TLS for the listener, with its certificateRefs. */
  static boolean terminates(Listener listener) {
    return HTTPS.equals(listener.getProtocol())
        || (TLS.equals(listener.getProtocol()) && TERMINATE.equals(tlsModeOf(listener)));
  }

  /** The listener's TLS mode, {@code Terminate} when not given (the API's default). */
  static String tlsModeOf(Listener listener) {
    String mode = listener.getTls() == null ? null : listener.getTls().getMode();
    return mode == null || mode.isEmpty() ? TERMINATE : mode;
  }

  /** What the API server's schema and CEL rules would refuse; the first problem found. */
  private static Optional<String> validate(Gateway gateway) {
    if (gateway.getSpec() == null) {
      return Optional.of("spec: missing");
    }
    List<Listener> listeners = gateway.getSpec().getListeners();
    if (listeners == null || listeners.isEmpty()) {
      return Optional.of("spec.listeners: at least one listener is required");
    }
    Optional<String> problem = validate(listeners);
    if (problem.isPresent()) {
      return problem;
    }
    problem = FrontendValidation.problem(gateway);
    if (problem.isPresent()) {
      return problem;
    }
    return AllowedListenersPolicy.problem(gateway);
  }

  private static Optional<String> validate(List<Listener> listeners) {
    if (listeners.size() > MAX_LISTENERS) {
      return Optional.of("spec.listeners: at most " + MAX_LISTENERS + " listeners are allowed");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < listeners.size(); i++) {
      Listener listener = listeners.get(i);
      String at = "spec.listeners[" + i + "]";
      String name = listener.getName();
      if (name == null || name.isEmpty()) {
        return Optional.of(at + ".name: required");
      }
      if (name.length() > 253 || !SECTION_NAME.matcher(name).matches()) {
        return Optional.of(at + ".name: '" + name + "' is not a valid section name");
      }
      if (!names.add(name)) {
        return Optional.of(at + ".name: '" + name + "' is used by another listener");
      }
      if (listener.getPort() == null) {
        return Optional.of(at + ".port: required");
      }
      if (listener.getPort() < 1 || listener.getPort() > 65535) {
        return Optional.of(at + ".port: " + listener.getPort() + " is not in 1..65535");
      }
      if (listener.getProtocol() == null || listener.getProtocol().isEmpty()) {
        return Optional.of(at + ".protocol: required");
      }
      if (listener.getTls() != null && NO_TLS_PROTOCOLS.contains(listener.getProtocol())) {
        return Optional.of(at + ".tls: not allowed for protocol " + listener.getProtocol());
      }
      if (HTTPS.equals(listener.getProtocol())
          && listener.getTls() != null
          && listener.getTls().getMode() != null
          && !listener.getTls().getMode().isEmpty()
          && !TERMINATE.equals(listener.getTls().getMode())) {
        return Optional.of(at + ".tls.mode: must be Terminate for protocol HTTPS");
      }
      if (TLS.equals(listener.getProtocol())) {
        Optional<String> problem = tlsListenerProblem(listener, at);
        if (problem.isPresent()) {
          return problem;
        }
      }
      String hostname = hostnameOf(listener);
      if (hostname != null) {
        Optional<String> problem = HostnameIntersection.problem(hostname);
        if (problem.isPresent()) {
          return Optional.of(at + ".hostname: " + problem.get());
        }
      }
      RouteNamespaces namespaces = namespacesOf(listener);
      if (namespaces != null && namespaces.getFrom() != null) {
        String from = namespaces.getFrom();
        if (!FROM_VALUES.contains(from)) {
          return Optional.of(
              at
                  + ".allowedRoutes.namespaces.from: '"
                  + from
                  + "' is not one of All, Same, Selector");
        }
        if (from.equals("Selector") && namespaces.getSelector() == null) {
          return Optional.of(
              at + ".allowedRoutes.namespaces.selector: required when from is Selector");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The CRD's rules for a TLS listener: {@code tls} with a known mode, certificates to terminate.
   */
  private static Optional<String> tlsListenerProblem(Listener listener, String at) {
    if (listener.getTls() == null) {
      return Optional.of(at + ".tls: required for protocol TLS");
    }
    String mode = tlsModeOf(listener);
    if (!TERMINATE.equals(mode) && !PASSTHROUGH.equals(mode)) {
      return Optional.of(at + ".tls.mode: '" + mode + "' is not one of Terminate, Passthrough");
    }
    List<?> refs = listener.getTls().getCertificateRefs();
    if (TERMINATE.equals(mode) && (refs == null || refs.isEmpty())) {
      return Optional.of(at + ".tls.certificateRefs: required for mode Terminate");
    }
    return Optional.empty();
  }

  static RouteNamespaces namespacesOf(Listener listener) {
    AllowedRoutes allowed = listener.getAllowedRoutes();
    return allowed == null ? null : allowed.getNamespaces();
  }

  private static List<RouteGroupKind> requestedKinds(Listener listener) {
    AllowedRoutes allowed = listener.getAllowedRoutes();
    if (allowed == null || allowed.getKinds() == null || allowed.getKinds().isEmpty()) {
      return null;
    }
    return allowed.getKinds();
  }

  private static String hostnameOf(Listener listener) {
    String hostname = listener.getHostname();
    return hostname == null || hostname.isEmpty() ? null : hostname;
  }

  private static RouteGroupKind routeKind(String kind) {
    return new RouteGroupKindBuilder().withGroup(GATEWAY_GROUP).withKind(kind).build();
  }
}
