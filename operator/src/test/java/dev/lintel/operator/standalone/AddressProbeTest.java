package dev.lintel.operator.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressProbeTest {
  @Test
  void loopbackAddressesCanBeBound() {
    assertThat(AddressProbe.problem("127.0.0.1")).isEmpty();
    // Linux routes all of 127/8 to the loopback interface, as the scenario tests rely on.
    assertThat(AddressProbe.problem("127.23.45.255")).isEmpty();
  }

  @Test
  void anAddressOfNoLocalInterfaceCannot() {
    // TEST-NET-3 (RFC 5737): documentation only, on no machine's interface.
    assertThat(AddressProbe.problem("203.0.113.1"))
        .hasValueSatisfying(m -> assertThat(m).isNotBlank());
  }
}
