package dev.lintel.operator.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.tls.CertificatePem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy's certificates from its own Secret on the mock API server: the mounted copy at boot, then
 * every change through the API, told to the TLS store by reference.
 */
@EnableKubernetesMockClient(crud = true)
class SecretCertificateSourceIT {
  private static final ConfigMapRef REF = new ConfigMapRef("apps", "lintel-web");
  private static final TestCertificates CA = TestCertificates.authority("SecretSourceIT");

  KubernetesClient client;

  @TempDir Path mounted;

  @Test
  void bootsFromTheMountThenFollowsTheSecret() throws Exception {
    CertificatePem booted = CA.issue("site.example.com");
    Files.writeString(mounted.resolve("certs_site.crt"), booted.certificateChain());
    Files.writeString(mounted.resolve("certs_site.key"), booted.privateKey());

    try (SecretCertificateSource source = new SecretCertificateSource(client, REF, mounted)) {
      assertThat(source.find("certs/site")).isEqualTo(booted);
      CopyOnWriteArrayList<Set<String>> changes = new CopyOnWriteArrayList<>();
      source.onChange(changes::add);
      source.start();

      CertificatePem rotated = CA.issue("site.example.com");
      CertificatePem added = CA.issue("other.example.com");
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(REF.name())
                  .withNamespace(REF.namespace())
                  .endMetadata()
                  .addToData("certs_site.crt", base64(rotated.certificateChain()))
                  .addToData("certs_site.key", base64(rotated.privateKey()))
                  .addToData("other_cert.crt", base64(added.certificateChain()))
                  .addToData("other_cert.key", base64(added.privateKey()))
                  .build())
          .create();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(source.find("certs/site")).isEqualTo(rotated);
                assertThat(source.find("other/cert")).isEqualTo(added);
              });
      assertThat(changes).containsExactly(Set.of("certs/site", "other/cert"));

      // A Secret that loses a certificate reports it gone; another Secret is not followed.
      Secret live = client.secrets().inNamespace(REF.namespace()).withName(REF.name()).get();
      live.getData().remove("other_cert.crt");
      client.resource(live).update();
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("someone-else")
                  .withNamespace(REF.namespace())
                  .endMetadata()
                  .addToData("x_y.crt", base64(added.certificateChain()))
                  .addToData("x_y.key", base64(added.privateKey()))
                  .build())
          .create();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(source.find("other/cert")).isNull());
      assertThat(source.find("x/y")).isNull();
      assertThat(changes).containsExactly(Set.of("certs/site", "other/cert"), Set.of("other/cert"));
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
