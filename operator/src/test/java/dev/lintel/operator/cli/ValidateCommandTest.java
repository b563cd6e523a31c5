package dev.lintel.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lintel validate} on the quickstart and on a broken copy of it. */
class ValidateCommandTest {
  @TempDir Path directory;

  @Test
  void quickstartIsValidAndItsConfigIsPrinted() {
    Result result = validate(Path.of("../examples/quickstart"));
    assertThat(result.exit()).isZero();
    assertThat(result.output())
        .contains("# status of HTTPRoute/default/app")
        .contains("# config of Gateway/default/quickstart")
        .contains("\"app.example.com\"")
        .endsWith("RESULT: valid\n");
  }

  @Test
  void aGatewayApiCrdOfAnotherVersionIsReportedOnTheGatewayClass() throws Exception {
    Files.writeString(
        directory.resolve("class.yaml"),
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gatewayclasses.gateway.networking.k8s.io
          annotations: {gateway.networking.k8s.io/bundle-version: v0.9.0}
        spec:
          group: gateway.networking.k8s.io
          names: {kind: GatewayClass, plural: gatewayclasses}
          scope: Cluster
          versions: [{name: v1, served: true, storage: true}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: lintel}
        spec: {controllerName: lintel.dev/gateway-controller}
        """);

    Result result = validate(directory);

    assertThat(result.output())
        .contains("type: \"SupportedVersion\"")
        .contains("reason: \"UnsupportedVersion\"");
  }

  @Test
  void missingBackendAndMalformedFileAreRejectedWithTheirReasons() throws Exception {
    Files.writeString(
        directory.resolve("route.yaml"),
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: lintel}
        spec: {controllerName: lintel.dev/gateway-controller}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: default}
        spec:
          gatewayClassName: lintel
          listeners: [{name: http, protocol: HTTP, port: 80}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: broken, namespace: default}
        spec:
          parentRefs: [{name: gw}]
          rules: [{backendRefs: [{name: missing, port: 80}]}]
        """);
    Files.writeString(directory.resolve("bad.yaml"), "kind: [unclosed\n");

    Result result = validate(directory);

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output())
        .contains("ERROR " + directory.resolve("bad.yaml"))
        .contains("reason: \"BackendNotFound\"")
        .contains("Service default/missing not found")
        .endsWith("RESULT: rejected (see conditions with status False above)\n");
  }

  private record Result(int exit, String output) {}

  private static Result validate(Path input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ValidateCommand command = new ValidateCommand();
    command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(command).execute(input.toString());
    return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
  }
}
