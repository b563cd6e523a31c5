package dev.lintel.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lintel.proxy.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mounted-Secret layout: one .crt/.key pair per reference, changes found by polling. */
class DirectoryCertificateSourceTest {
  private static final TestCertificates CA = TestCertificates.authority("DirectorySourceTest");

  @TempDir Path directory;

  @Test
  void readsPairsAsReferencesAndReportsWhatChanged() throws Exception {
    CertificatePem first = CA.issue("a.example.com");
    write("certs_site-a", first);
    Files.writeString(directory.resolve("certs_lonely.crt"), first.certificateChain());
    Files.writeString(directory.resolve("nounderscore.crt"), first.certificateChain());
    Files.writeString(directory.resolve("nounderscore.key"), first.privateKey());

    try (DirectoryCertificateSource source =
        new DirectoryCertificateSource(directory, Duration.ofMillis(50))) {
      assertThat(source.find("certs/site-a")).isEqualTo(first);
      assertThat(source.find("certs/lonely")).isNull(); // no key beside it
      assertThat(source.find("nounderscore")).isNull();

      CopyOnWriteArrayList<Set<String>> changes = new CopyOnWriteArrayList<>();
      source.onChange(changes::add);
      CertificatePem second = CA.issue("a.example.com");
      write("certs_site-a", second);
      write("other_site-b", first);

      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  source.find("certs/site-a").equals(second)
                      && source.find("other/site-b") != null);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> changes.stream().flatMap(Set::stream).distinct().count() == 2);
      assertThat(changes.stream().flatMap(Set::stream)).contains("certs/site-a", "other/site-b");
    }
  }

  @Test
  void readsCaBundlesApartFromCertificates() throws Exception {
    CertificatePem site = CA.issue("a.example.com");
    write("certs_site", site);
    Files.writeString(directory.resolve("certs_site.ca.pem"), CA.certificatePem());
    Files.writeString(directory.resolve("cas_client.ca.pem"), CA.certificatePem());

    try (DirectoryCertificateSource source =
        new DirectoryCertificateSource(directory, Duration.ofMillis(50))) {
      assertThat(source.find("certs/site")).isEqualTo(site);
      assertThat(source.findCaBundle("certs/site")).isEqualTo(new CaBundlePem(CA.certificatePem()));
      assertThat(source.findCaBundle("cas/client")).isEqualTo(new CaBundlePem(CA.certificatePem()));
      assertThat(source.find("cas/client")).isNull();

      Files.delete(directory.resolve("cas_client.ca.pem"));
      await().atMost(Duration.ofSeconds(5)).until(() -> source.findCaBundle("cas/client") == null);
    }
  }

  @Test
  void fileStemsSplitAtTheFirstUnderscore() {
    assertThat(DirectoryCertificateSource.fileStem("ns/name.with.dots"))
        .isEqualTo("ns_name.with.dots");
  }

  private void write(String stem, CertificatePem pem) throws Exception {
    // Key first, then certificate: a poll in between sees a mismatched pair at worst.
    Files.writeString(directory.resolve(stem + ".key"), pem.privateKey());
    Files.writeString(directory.resolve(stem + ".crt"), pem.certificateChain());
  }
}
