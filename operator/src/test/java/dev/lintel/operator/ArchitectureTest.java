package dev.lintel.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core/shell split of DESIGN.md section 2, enforced by the build: the pure packages never touch
 * a Kubernetes client, JOSDK, the clock or the environment; the shells may.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.lintel.operator");
  }

  @Test
  void pureCoreImportsNoClientAndNoJosdk() {
    noClasses()
        .that()
        .resideInAnyPackage("..operator.translate..", "..operator.provision..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8.kubernetes.client..", "io.javaoperatorsdk..")
        .because("translate and provision are pure: the shells gather inputs and write results")
        .check(classes);
  }

  @Test
  void pureCoreReadsNoClockAndNoEnvironment() {
    noClasses()
        .that()
        .resideInAnyPackage("..operator.translate..", "..operator.provision..")
        .should()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .because("the same snapshot must always translate to the same result")
        .check(classes);
  }

  @Test
  void coreDoesNotReachIntoShells() {
    noClasses()
        .that()
        .resideInAnyPackage("..operator.translate..", "..operator.provision..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..operator.reconcile..",
            "..operator.standalone..",
            "..operator.cli..",
            "..operator.admin..",
            "..operator.proxy..")
        .check(classes);
  }
}
