package dev.lintel.operator.provision;

import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.CertificatePem;
import dev.lintel.proxy.tls.DirectoryCertificateSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secret that carries exactly the certificates a Gateway's config names to its proxy, mounted
 * at {@value ProxyDeploymentFactory#CERTIFICATES_MOUNT_PATH}: {@code <namespace>_<name>.crt} and
 * {@code .key} per certificate Secret, {@code <namespace>_<name>.ca.pem} per CA bundle ConfigMap,
 * the layout {@link DirectoryCertificateSource} reads. A Gateway without HTTPS listeners gets an
 * empty one, so the pod's volume always resolves.
 */
public final class ProxyCertificateSecretFactory {
  public Secret create(ProxyIdentity identity, Map<String, CertificatePem> certificates) {
    return create(identity, certificates, Map.of());
  }

  public Secret create(
      ProxyIdentity identity,
      Map<String, CertificatePem> certificates,
      Map<String, CaBundlePem> caBundles) {
    Map<String, String> data = new TreeMap<>();
    caBundles.forEach(
        (reference, pem) ->
            data.put(
                DirectoryCertificateSource.fileStem(reference)
                    + DirectoryCertificateSource.CA_BUNDLE_SUFFIX,
                base64(pem.certificates())));
    certificates.forEach(
        (reference, pem) -> {
          String stem = DirectoryCertificateSource.fileStem(reference);
          data.put(
              stem + DirectoryCertificateSource.CERTIFICATE_SUFFIX, base64(pem.certificateChain()));
          data.put(stem + DirectoryCertificateSource.KEY_SUFFIX, base64(pem.privateKey()));
        });
    return new SecretBuilder()
        .withMetadata(identity.metadata())
        .withType("Opaque")
        .withData(data)
        .build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
