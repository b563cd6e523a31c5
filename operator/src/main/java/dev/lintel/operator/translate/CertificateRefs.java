package dev.lintel.operator.translate;

import dev.lintel.proxy.tls.CertificatePem;
import dev.lintel.proxy.tls.InvalidCertificateException;
import dev.lintel.proxy.tls.ServerCertificate;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the {@code tls.certificateRefs} of HTTPS listeners: each must name a core Secret of type
 * {@code kubernetes.io/tls}, in the namespace of the listener's Gateway or ListenerSet or in one
 * whose ReferenceGrant lets that kind of that namespace refer to it, holding a certificate and the
 * key that belongs to it. The valid ones are served; the first problem is reported (messages name
 * the Secret and the reason, never its content).
 */
final class CertificateRefs {
  private static final String SECRET = "Secret";

  private final Map<String, Secret> secrets;
  private final ReferenceGrants grants;

  /** Checking a key pair costs a signature: each Secret is checked once per translation. */
  private final Map<String, String> problems = new HashMap<>();

  CertificateRefs(List<Secret> secrets, ReferenceGrants grants) {
    this.secrets = TlsSecrets.byReference(secrets);
    this.grants = grants;
  }

  /**
   * The outcome for one listener.
   *
   * @param certificates {@code namespace/name} of the valid certificates, in the listener's order
   * @param reason null when every reference resolved, else the listener's ResolvedRefs reason
   * @param message what is wrong with the first bad reference
   */
  record Resolution(List<String> certificates, String reason, String message) {}

  /**
   * @param ownerKind {@code Gateway} or {@code ListenerSet}: the kind a ReferenceGrant must name
   * @param ownerNamespace the namespace of the listener's Gateway or ListenerSet
   */
  Resolution resolve(String ownerKind, String ownerNamespace, Listener listener, String at) {
    List<SecretObjectReference> refs =
        listener.getTls() == null || listener.getTls().getCertificateRefs() == null
            ? List.of()
            : listener.getTls().getCertificateRefs();
    if (refs.isEmpty()) {
      return new Resolution(
          List.of(),
          Reasons.INVALID_CERTIFICATE_REF,
          at + ".tls.certificateRefs: an HTTPS listener needs a certificate");
    }
    List<String> valid = new ArrayList<>();
    String reason = null;
    String message = null;
    for (int i = 0; i < refs.size(); i++) {
      Resolution one =
          resolve(ownerKind, ownerNamespace, refs.get(i), at + ".tls.certificateRefs[" + i + "]");
      valid.addAll(one.certificates());
      if (one.reason() != null && reason == null) {
        reason = one.reason();
        message = one.message();
      }
    }
    return new Resolution(List.copyOf(valid), reason, message);
  }

  /**
   * The outcome for one reference ({@code refAt} names it in messages): a listener's
   * certificateRef, or a Gateway's {@code spec.tls.backend.clientCertificateRef}.
   */
  Resolution resolve(
      String ownerKind, String ownerNamespace, SecretObjectReference ref, String refAt) {
    String namespace = ref.getNamespace() == null ? ownerNamespace : ref.getNamespace();
    String group = ref.getGroup() == null ? "" : ref.getGroup();
    String kind = ref.getKind() == null ? SECRET : ref.getKind();
    if (!group.isEmpty() || !kind.equals(SECRET)) {
      return new Resolution(
          List.of(),
          Reasons.INVALID_CERTIFICATE_REF,
          refAt + ": " + (group.isEmpty() ? "core" : group) + "/" + kind + " is not a Secret");
    }
    String notPermitted =
        grants.refNotPermitted(ownerKind, ownerNamespace, SECRET, namespace, ref.getName());
    if (notPermitted != null) {
      return new Resolution(List.of(), Reasons.REF_NOT_PERMITTED, refAt + ": " + notPermitted);
    }
    String reference = TlsSecrets.reference(namespace, ref.getName());
    String invalid = problems.computeIfAbsent(reference, this::check);
    return invalid.isEmpty()
        ? new Resolution(List.of(reference), null, null)
        : new Resolution(
            List.of(),
            Reasons.INVALID_CERTIFICATE_REF,
            refAt + ": Secret " + reference + " " + invalid);
  }

  /** What is wrong with a Secret as a certificate, or the empty string. */
  private String check(String reference) {
    Secret secret = secrets.get(reference);
    if (secret == null) {
      return "does not exist";
    }
    if (!TlsSecrets.TYPE.equals(secret.getType())) {
      return "is of type " + secret.getType() + ", not " + TlsSecrets.TYPE;
    }
    CertificatePem pem = TlsSecrets.pemOf(secret);
    if (pem == null) {
      return "lacks " + TlsSecrets.CERTIFICATE_KEY + " or " + TlsSecrets.PRIVATE_KEY_KEY;
    }
    try {
      ServerCertificate.check(pem);
      return "";
    } catch (InvalidCertificateException e) {
      return "is not a usable certificate: " + e.getMessage();
    }
  }
}
