package dev.lintel.operator.scenarios;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every scenario class shares: one standalone runtime with the conformance base per class
 * (starting it costs about a second), the objects each test applied deleted after it, so that the
 * tests of a class see the base only.
 */
abstract class ConformanceTest {
  static ConformanceRuntime conformance;
  static StatusQuery status;
  static ConformanceAssertions expect;

  @BeforeAll
  static void startBase() throws IOException {
    conformance = ConformanceRuntime.start();
    status = conformance.status();
    expect = new ConformanceAssertions(status);
  }

  @AfterAll
  static void stopBase() {
    conformance.close();
  }

  @AfterEach
  void deleteTestObjects() {
    conformance.deleteApplied();
  }
}
