package dev.lintel.proxy.routing;

import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lintel.proxy.upstream.UpstreamAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackendPickerTest {
  private static Map<String, Integer> shares(BackendPicker picker, int picks) {
    Random random = new Random(42);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      CompiledBackend backend = picker.pick(random.nextLong(picker.totalWeight()));
      counts.merge(backend.name(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void picksInProportionToWeights() {
    BackendPicker picker =
        RoutingCompiler.picker(
            List.of(
                backend("a", 80, local(1)),
                backend("b", 20, local(2)),
                backend("zero", 0, local(3))));
    Map<String, Integer> counts = shares(picker, 2000);
    assertThat(counts.get("a") / 2000.0).isCloseTo(0.80, within(0.05));
    assertThat(counts.get("b") / 2000.0).isCloseTo(0.20, within(0.05));
    assertThat(counts).doesNotContainKey("zero");
  }

  @Test
  void everyTicketMapsToTheBackendOwningIt() {
    BackendPicker picker =
        RoutingCompiler.picker(
            List.of(backend("a", 1, local(1)), backend("z", 0), backend("b", 3, local(2))));
    assertThat(picker.totalWeight()).isEqualTo(4);
    assertThat(picker.pick(0).name()).isEqualTo("a");
    assertThat(picker.pick(1).name()).isEqualTo("b");
    assertThat(picker.pick(3).name()).isEqualTo("b");
  }

  @Test
  void rejectedBackendKeepsItsShare() {
    BackendPicker picker =
        RoutingCompiler.picker(
            List.of(backend("ok", 1, local(1)), rejected("bad", 1, "RefNotPermitted")));
    Map<String, Integer> counts = shares(picker, 2000);
    assertThat(counts.get("bad") / 2000.0).isCloseTo(0.5, within(0.05));
    assertThat(picker.pick(1).isRejected()).isTrue();
    assertThat(picker.pick(0).isRejected()).isFalse();
  }

  @Test
  void nothingToPickWithoutPositiveWeights() {
    assertThat(RoutingCompiler.picker(List.of()).pick()).isNull();
    assertThat(RoutingCompiler.picker(List.of(backend("z", 0, local(1)))).pick()).isNull();
  }

  @Test
  void endpointsAreHandedOutRoundRobin() {
    BackendPicker picker =
        RoutingCompiler.picker(List.of(backend("a", 1, local(1), local(2), local(3))));
    CompiledBackend backend = picker.pick();
    int[] seen = new int[4];
    for (int i = 0; i < 30; i++) {
      UpstreamAddress address = backend.nextEndpoint();
      seen[address.port()]++;
    }
    assertThat(seen).containsExactly(0, 10, 10, 10);
    assertThat(RoutingCompiler.picker(List.of(backend("empty", 1))).pick().nextEndpoint()).isNull();
  }
}
