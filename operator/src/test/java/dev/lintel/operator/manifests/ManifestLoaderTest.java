package dev.lintel.operator.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.operator.translate.Snapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  private static final String SERVICE =
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\nspec:\n  ports:\n    - port: 80\n";

  private final ManifestLoader loader = new ManifestLoader();

  @Test
  void aBadDocumentInTheMiddleIsReportedAndTheOthersLoad() {
    String text =
        String.format(SERVICE, "first")
            + "---\n"
            + "apiVersion: v1\nkind: Service\nmetadata: {name: [unclosed\n"
            + "---\n"
            + "kind: Service\nmetadata:\n  name: no-api-version\n"
            + "---\n"
            + "apiVersion: v1\nkind: Service\nmetadata:\n  namespace: x\n"
            + "---\n"
            + "apiVersion: v1\nkind: Service\nmetadata:\n  name: typed\nspec:\n  ports: not-a-list\n"
            + "---\n"
            + String.format(SERVICE, "last");
    LoadResult result = loader.parse(text, "dir/app.yaml");

    assertThat(result.objects())
        .extracting(o -> o.getMetadata().getName())
        .containsExactly("first", "last");
    assertThat(result.errors())
        .extracting(ManifestError::source)
        .containsExactly("dir/app.yaml#2", "dir/app.yaml#3", "dir/app.yaml#4", "dir/app.yaml#5");
    assertThat(result.errors().get(0).reason()).startsWith("malformed");
    assertThat(result.errors().get(1).reason()).isEqualTo("apiVersion: missing");
    assertThat(result.errors().get(2).reason()).isEqualTo("metadata.name: missing");
    assertThat(result.errors().get(3).reason()).startsWith("spec.ports");
  }

  @Test
  void aBadFileAmongGoodOnesIsReportedAndTheOthersLoad(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), String.format(SERVICE, "a"));
    Files.writeString(dir.resolve("b.yml"), "apiVersion: v1\nkind: Service\nmetadata: {name: b\n");
    Files.createDirectories(dir.resolve("nested/deeper"));
    Files.writeString(
        dir.resolve("nested/deeper/c.json"),
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"c\"}}");
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    Files.createDirectories(dir.resolve("..data"));
    Files.writeString(dir.resolve("..data/a.yaml"), String.format(SERVICE, "a"));
    Files.writeString(dir.resolve(".hidden.yaml"), String.format(SERVICE, "hidden"));

    LoadResult result = loader.loadDirectory(dir);

    assertThat(result.objects())
        .extracting(o -> o.getMetadata().getName())
        .containsExactly("a", "c");
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).source()).isEqualTo(dir.resolve("b.yml").toString());
  }

  @Test
  void gatewayApiKindsLoadAsTypedV1ObjectsAndOthersAreIgnored() {
    String text =
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: lintel\n"
            + "  namespace: ignored\nspec:\n  controllerName: lintel.dev/gateway-controller\n"
            + "---\n"
            + "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: Gateway\nmetadata:\n  name: gw\n"
            + "spec:\n  gatewayClassName: lintel\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n"
            + "---\n"
            + "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n"
            + "  namespace: team\nspec:\n  parentRefs: [{name: gw}]\n"
            + "--- # a comment after the marker\n"
            + "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: g\n"
            + "spec:\n  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: team}]\n"
            + "  to: [{group: '', kind: Service}]\n"
            + "---\n"
            + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
            + "---\n"
            + "# only a comment\n";
    LoadResult result = loader.parse(text, "all.yaml");

    assertThat(result.errors()).isEmpty();
    List<HasMetadata> objects = result.objects();
    assertThat(objects.get(0)).isInstanceOf(GatewayClass.class);
    assertThat(objects.get(0).getMetadata().getNamespace()).isNull();
    assertThat(objects.get(1)).isInstanceOf(Gateway.class);
    assertThat(objects.get(1).getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    assertThat(objects.get(1).getMetadata().getNamespace()).isEqualTo("default");
    assertThat(((Gateway) objects.get(1)).getSpec().getListeners().get(0).getPort()).isEqualTo(80);
    assertThat(objects.get(2)).isInstanceOf(HTTPRoute.class);
    assertThat(objects.get(2).getMetadata().getNamespace()).isEqualTo("team");
    assertThat(objects.get(3)).isInstanceOf(ReferenceGrant.class);
    assertThat(result.ignored()).containsExactly(new ObjectRef("Deployment", "", "web"));

    Snapshot snapshot = SnapshotAssembler.assemble(objects);
    assertThat(snapshot.gatewayClasses()).hasSize(1);
    assertThat(snapshot.gateways()).hasSize(1);
    assertThat(snapshot.httpRoutes()).hasSize(1);
    assertThat(snapshot.referenceGrants()).hasSize(1);
    assertThat(snapshot.services()).isEmpty();
  }

  @Test
  void grpcRoutesLoadFromV1AndV1alpha2AsTheV1Class() {
    String text =
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: a\n"
            + "spec:\n  parentRefs: [{name: gw}]\n"
            + "  rules:\n  - matches: [{method: {service: pkg.Echo, method: Echo}}]\n"
            + "---\n"
            + "apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: GRPCRoute\nmetadata:\n"
            + "  name: b\nspec:\n  parentRefs: [{name: gw}]\n";
    LoadResult result = loader.parse(text, "grpc.yaml");

    assertThat(result.errors()).isEmpty();
    assertThat(result.objects())
        .hasSize(2)
        .allSatisfy(o -> assertThat(o).isInstanceOf(GRPCRoute.class));
    assertThat(result.objects().get(1).getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    GRPCRoute first = (GRPCRoute) result.objects().get(0);
    assertThat(first.getSpec().getRules().get(0).getMatches().get(0).getMethod().getMethod())
        .isEqualTo("Echo");
    assertThat(SnapshotAssembler.assemble(result.objects()).grpcRoutes()).hasSize(2);
  }

  @Test
  void listenerSetsLoadAsLintelsOwnTypedClass() {
    String text =
        "apiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\nmetadata:\n  name: extra\n"
            + "spec:\n  parentRef: {name: gw}\n"
            + "  listeners:\n  - {name: web, port: 8080, protocol: HTTP, hostname: a.example.com}\n";
    LoadResult result = loader.parse(text, "sets.yaml");

    assertThat(result.errors()).isEmpty();
    assertThat(result.objects()).hasSize(1);
    // fabric8's polymorphic deserializer, inherited through HasMetadata, would have made it a
    // GenericKubernetesResource.
    ListenerSet set = (ListenerSet) result.objects().get(0);
    assertThat(set.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    assertThat(set.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(set.getSpec().parentRef().name()).isEqualTo("gw");
    assertThat(set.getSpec().listeners().get(0).getPort()).isEqualTo(8080);
    assertThat(SnapshotAssembler.assemble(result.objects()).listenerSets()).containsExactly(set);
  }

  @Test
  void duplicatesAndInvalidNamesAreErrors() {
    String text =
        String.format(SERVICE, "web")
            + "---\n"
            + String.format(SERVICE, "web")
            + "---\n"
            + String.format(SERVICE, "Not_Valid");
    LoadResult result = loader.parse(text, "dup.yaml");
    assertThat(result.objects()).hasSize(1).allMatch(Service.class::isInstance);
    assertThat(result.errors())
        .extracting(ManifestError::reason)
        .containsExactly(
            "duplicate of Service default/web already loaded from dup.yaml#1",
            "metadata.name: 'Not_Valid' is not a valid DNS subdomain");
  }

  @Test
  void duplicateKeysAreRejected() {
    LoadResult result =
        loader.parse("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n", "k.yaml");
    assertThat(result.objects()).isEmpty();
    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("name"));
  }

  @Test
  void expandsAListDocument() {
    LoadResult result =
        loader.parse(
            "apiVersion: v1\nkind: List\nitems:\n"
                + "- {apiVersion: v1, kind: Service, metadata: {name: a}}\n"
                + "- {apiVersion: v1, kind: Service}\n",
            "list.yaml");
    assertThat(result.objects()).extracting(o -> o.getMetadata().getName()).containsExactly("a");
    assertThat(result.errors())
        .extracting(ManifestError::source)
        .containsExactly("list.yaml.items[1]");
  }

  @Test
  void splitsOnlyAtDocumentMarkers() {
    assertThat(ManifestLoader.splitDocuments("---\na: 1\n---\nb: '---'\n...\n  ---\n")).hasSize(3);
    assertThat(ManifestLoader.splitDocuments("a: 1\n")).containsExactly("a: 1\n\n");
  }
}
