package dev.lintel.operator.translate;

import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.HttpSyntax;
import dev.lintel.proxy.config.SubjectAltName;
import dev.lintel.proxy.config.SubjectAltNameType;
import dev.lintel.proxy.config.WellKnownCaCertificates;
import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.ClientTrust;
import dev.lintel.proxy.tls.InvalidCertificateException;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatusBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Resolves BackendTLSPolicies (Gateway API v1, GEP-1897): which policy governs the TLS of each
 * Service port a route sends to, and the status of every policy per ancestor Gateway.
 *
 * <p>A policy targets core Services, the whole Service or one port by name ({@code sectionName}).
 * For one port, a policy naming that port wins over one naming the whole Service; among policies
 * with the same target, the oldest wins (creationTimestamp, then namespace/name, GEP-713), the
 * others are {@code Accepted=False}/{@code Conflicted}. A policy's {@code caCertificateRefs} name
 * ConfigMaps of its own namespace with PEM certificates in {@code ca.crt}: another kind is {@code
 * ResolvedRefs=False}/{@code InvalidKind}, a missing or unusable ConfigMap {@code
 * InvalidCACertificateRef}, and when none is usable the policy is {@code Accepted=False}/{@code
 * NoValidCACertificate}. A backend governed by a policy that is not accepted or does not resolve
 * all its references is never spoken to in clear text instead: its share of requests is answered
 * 500 (connections using an invalid reference must fail).
 */
final class BackendTlsPolicies {
  private static final String SERVICE = "Service";
  private static final String CONFIG_MAP = "ConfigMap";

  /** A DNS name without wildcard, as the policy's {@code hostname} must be (an SNI value). */
  private static final Pattern SERVER_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  /** A DNS name, optionally with a leading wildcard label, as a Hostname SAN may be. */
  private static final Pattern SAN_HOSTNAME =
      Pattern.compile(
          "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private static final Comparator<BackendTLSPolicy> PRECEDENCE =
      Comparator.comparing(
              (BackendTLSPolicy policy) -> policy.getMetadata().getCreationTimestamp(),
              RoutePrecedence::compareTimestamps)
          .thenComparing(ObjectRef::of);

  /** What a backend gets from the policy that governs it. */
  record Applied(ObjectRef policy, BackendTls tls, String failure) {
    /** The policy cannot be honoured: the backend's share is answered 500. */
    boolean failed() {
      return failure != null;
    }
  }

  /**
   * One policy, judged on its own.
   *
   * @param tls what it asks for (the usable CA bundles only), or null when it is not accepted
   */
  private record Judgement(
      BackendTLSPolicy policy, BackendTls tls, Condition accepted, Condition resolvedRefs) {
    boolean honoured() {
      return tls != null && "True".equals(resolvedRefs.getStatus());
    }
  }

  /** {@code namespace/service/sectionName} (empty for the whole Service) -> the winning policy. */
  private final Map<String, Judgement> winners = new HashMap<>();

  /** Policy -> its judgement, conflicts applied; every policy that targets a Service. */
  private final SortedMap<ObjectRef, Judgement> judgements = new TreeMap<>();

  /** {@code namespace/service} -> the policies targeting it, winners or not. */
  private final Map<String, Set<ObjectRef>> byService = new HashMap<>();

  /** Route -> the policies that govern (or lost on) the Services it sends to. */
  private final Map<ObjectRef, Set<ObjectRef>> usedBy = new HashMap<>();

  BackendTlsPolicies(List<BackendTLSPolicy> policies, List<ConfigMap> configMaps) {
    Map<String, ConfigMap> bundles = TlsSecrets.byReference(configMaps);
    List<BackendTLSPolicy> sorted = new ArrayList<>(policies);
    sorted.sort(PRECEDENCE);
    for (BackendTLSPolicy policy : sorted) {
      if (policy.getSpec() == null || policy.getSpec().getTargetRefs() == null) {
        continue;
      }
      Judgement judgement = judge(policy, bundles);
      String namespace = policy.getMetadata().getNamespace();
      boolean conflicts = false;
      boolean targetsService = false;
      for (LocalPolicyTargetReferenceWithSectionName target : policy.getSpec().getTargetRefs()) {
        String group = target.getGroup() == null ? "" : target.getGroup();
        if (!group.isEmpty() || !SERVICE.equals(target.getKind()) || target.getName() == null) {
          continue; // not a Service: nothing Lintel sends to
        }
        targetsService = true;
        String service = namespace + "/" + target.getName();
        String section = target.getSectionName() == null ? "" : target.getSectionName();
        byService.computeIfAbsent(service, s -> new TreeSet<>()).add(ObjectRef.of(policy));
        Judgement previous = winners.putIfAbsent(service + "/" + section, judgement);
        conflicts |= previous != null && previous.policy() != policy;
      }
      if (!targetsService) {
        continue;
      }
      if (conflicts) {
        Condition conflicted =
            Conditions.statusFalse(
                ConditionTypes.ACCEPTED,
                Reasons.CONFLICTED,
                "an older BackendTLSPolicy targets the same Service (and port)",
                policy);
        Judgement lost = new Judgement(policy, null, conflicted, judgement.resolvedRefs());
        // Where it came first it still governs, but unaccepted: those backends fail closed.
        winners.replaceAll((target, winner) -> winner.policy() == policy ? lost : winner);
        judgement = lost;
      }
      judgements.put(ObjectRef.of(policy), judgement);
    }
  }

  /** No policy at all: every backend is spoken to as it is (a passthrough listener's view). */
  static BackendTlsPolicies none() {
    return new BackendTlsPolicies(List.of(), List.of());
  }

  /**
   * The policy governing port {@code port} of Service {@code namespace/service} when {@code route}
   * sends to it, or null when none does (clear text).
   */
  Applied forBackend(ObjectRef route, String namespace, String service, ServicePort port) {
    String key = namespace + "/" + service;
    Set<ObjectRef> targeting = byService.get(key);
    if (targeting == null) {
      return null;
    }
    usedBy.computeIfAbsent(route, r -> new TreeSet<>()).addAll(targeting);
    Judgement judgement = port.getName() == null ? null : winners.get(key + "/" + port.getName());
    if (judgement == null) {
      judgement = winners.get(key + "/");
    }
    if (judgement == null) {
      return null;
    }
    ObjectRef policy = ObjectRef.of(judgement.policy());
    if (!judgement.honoured()) {
      return new Applied(
          policy,
          null,
          "BackendTLSPolicy "
              + judgement.policy().getMetadata().getName()
              + " for Service "
              + key
              + " cannot be honoured: "
              + ("True".equals(judgement.accepted().getStatus())
                  ? judgement.resolvedRefs().getMessage()
                  : judgement.accepted().getMessage()));
    }
    return new Applied(policy, judgement.tls(), null);
  }

  /** The policies whose Services {@code route} sends to. */
  Set<ObjectRef> usedBy(ObjectRef route) {
    return usedBy.getOrDefault(route, Set.of());
  }

  /**
   * The status of every policy with at least one ancestor: one entry per Gateway a route sends
   * through to its Services.
   */
  SortedMap<ObjectRef, PolicyStatus> statuses(Map<ObjectRef, Set<ObjectRef>> ancestors) {
    SortedMap<ObjectRef, PolicyStatus> statuses = new TreeMap<>();
    judgements.forEach(
        (ref, judgement) -> {
          Set<ObjectRef> gateways = ancestors.getOrDefault(ref, Set.of());
          if (gateways.isEmpty()) {
            return;
          }
          List<PolicyAncestorStatus> entries = new ArrayList<>();
          for (ObjectRef gateway : gateways) {
            entries.add(
                new PolicyAncestorStatusBuilder()
                    .withAncestorRef(
                        new ParentReferenceBuilder()
                            .withGroup(ListenerTranslator.GATEWAY_GROUP)
                            .withKind("Gateway")
                            .withNamespace(gateway.namespace())
                            .withName(gateway.name())
                            .build())
                    .withControllerName(GatewayTranslator.CONTROLLER_NAME)
                    .withConditions(judgement.accepted(), judgement.resolvedRefs())
                    .build());
          }
          statuses.put(ref, new PolicyStatusBuilder().withAncestors(entries).build());
        });
    return statuses;
  }

  /** The policy alone: its validation and references, before conflicts. */
  private static Judgement judge(BackendTLSPolicy policy, Map<String, ConfigMap> bundles) {
    BackendTLSPolicyValidation validation = policy.getSpec().getValidation();
    if (validation == null) {
      return new Judgement(
          policy,
          null,
          Conditions.statusFalse(
              ConditionTypes.ACCEPTED, Reasons.INVALID, "spec.validation: required", policy),
          Conditions.statusTrue(
              ConditionTypes.RESOLVED_REFS, Reasons.RESOLVED_REFS, "no references", policy));
    }
    String namespace = policy.getMetadata().getNamespace();
    List<LocalObjectReference> refs =
        validation.getCaCertificateRefs() == null ? List.of() : validation.getCaCertificateRefs();
    List<String> usable = new ArrayList<>();
    String reason = null;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      LocalObjectReference ref = refs.get(i);
      String at = "spec.validation.caCertificateRefs[" + i + "]";
      String group = ref.getGroup() == null ? "" : ref.getGroup();
      String reference = TlsSecrets.reference(namespace, ref.getName());
      String problem;
      String problemReason = Reasons.INVALID_CA_CERTIFICATE_REF;
      if (!group.isEmpty() || !CONFIG_MAP.equals(ref.getKind())) {
        problemReason = Reasons.INVALID_KIND;
        problem =
            at
                + ": "
                + (group.isEmpty() ? "core" : group)
                + "/"
                + ref.getKind()
                + " is not supported (only core ConfigMap)";
      } else {
        problem = bundleProblem(bundles.get(reference), reference, at);
      }
      if (problem == null) {
        usable.add(reference);
      } else {
        reason = reason == null ? problemReason : reason;
        problems.add(problem);
      }
    }
    Condition resolvedRefs =
        reason == null
            ? Conditions.statusTrue(
                ConditionTypes.RESOLVED_REFS,
                Reasons.RESOLVED_REFS,
                "all references are resolved",
                policy)
            : Conditions.statusFalse(
                ConditionTypes.RESOLVED_REFS, reason, String.join("; ", problems), policy);
    String invalid = invalidity(validation);
    if (invalid != null) {
      return new Judgement(
          policy,
          null,
          Conditions.statusFalse(ConditionTypes.ACCEPTED, Reasons.INVALID, invalid, policy),
          resolvedRefs);
    }
    boolean wellKnown = validation.getWellKnownCACertificates() != null;
    if (!wellKnown && usable.isEmpty()) {
      return new Judgement(
          policy,
          null,
          Conditions.statusFalse(
              ConditionTypes.ACCEPTED,
              Reasons.NO_VALID_CA_CERTIFICATE,
              "no caCertificateRefs entry is usable",
              policy),
          resolvedRefs);
    }
    BackendTls tls =
        new BackendTls(
            validation.getHostname(),
            usable,
            wellKnown ? WellKnownCaCertificates.System : null,
            subjectAltNames(validation),
            null);
    return new Judgement(
        policy,
        tls,
        Conditions.statusTrue(
            ConditionTypes.ACCEPTED, Reasons.ACCEPTED, "BackendTLSPolicy is accepted", policy),
        resolvedRefs);
  }

  /** What the API server's validation would refuse, or null; names the field. */
  private static String invalidity(BackendTLSPolicyValidation validation) {
    String hostname = validation.getHostname();
    if (hostname == null || hostname.length() > 253 || !SERVER_NAME.matcher(hostname).matches()) {
      return "spec.validation.hostname: '" + hostname + "' is not a DNS name";
    }
    boolean refs =
        validation.getCaCertificateRefs() != null && !validation.getCaCertificateRefs().isEmpty();
    String wellKnown = validation.getWellKnownCACertificates();
    if (refs == (wellKnown != null)) {
      return "spec.validation: exactly one of caCertificateRefs and wellKnownCACertificates is"
          + " required";
    }
    if (wellKnown != null && !wellKnown.equals(WellKnownCaCertificates.System.name())) {
      return "spec.validation.wellKnownCACertificates: '" + wellKnown + "' is not supported";
    }
    List<io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName> names =
        validation.getSubjectAltNames() == null ? List.of() : validation.getSubjectAltNames();
    for (int i = 0; i < names.size(); i++) {
      io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName name = names.get(i);
      String at = "spec.validation.subjectAltNames[" + i + "]";
      if ("Hostname".equals(name.getType())) {
        if (name.getHostname() == null || !SAN_HOSTNAME.matcher(name.getHostname()).matches()) {
          return at + ".hostname: '" + name.getHostname() + "' is not a DNS name";
        }
      } else if ("URI".equals(name.getType())) {
        if (name.getUri() == null || !HttpSyntax.isUri(name.getUri())) {
          return at + ".uri: '" + name.getUri() + "' is not a URI";
        }
      } else {
        return at + ".type: '" + name.getType() + "' is not Hostname or URI";
      }
    }
    return null;
  }

  private static List<SubjectAltName> subjectAltNames(BackendTLSPolicyValidation validation) {
    List<SubjectAltName> names = new ArrayList<>();
    if (validation.getSubjectAltNames() != null) {
      for (io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName name :
          validation.getSubjectAltNames()) {
        names.add(
            "URI".equals(name.getType())
                ? new SubjectAltName(SubjectAltNameType.URI, name.getUri())
                : new SubjectAltName(SubjectAltNameType.Hostname, name.getHostname()));
      }
    }
    return names;
  }

  /** What is wrong with a ConfigMap as a CA bundle, or null. */
  private static String bundleProblem(ConfigMap configMap, String reference, String at) {
    if (configMap == null) {
      return at + ": ConfigMap " + reference + " does not exist";
    }
    CaBundlePem pem = CaBundles.pemOf(configMap);
    if (pem == null) {
      return at + ": ConfigMap " + reference + " has no " + CaBundles.CA_KEY;
    }
    try {
      ClientTrust.check(pem);
      return null;
    } catch (InvalidCertificateException e) {
      return at + ": ConfigMap " + reference + " holds no usable CA certificate: " + e.getMessage();
    }
  }
}
