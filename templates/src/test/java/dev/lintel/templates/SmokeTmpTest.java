package dev.lintel.templates;

import org.junit.jupiter.api.Test;

class SmokeTmpTest {
  @Test
  void print() throws Exception {
    ConfigRenderer r = new ConfigRenderer();
    System.out.println(r.renderUnchecked(SampleConfigs.rejectedBackend()));
    System.out.println(r.renderUnchecked(SampleConfigs.emptyLists()));
    r.render(SampleConfigs.rejectedBackend());
    r.render(SampleConfigs.emptyLists());
  }
}
