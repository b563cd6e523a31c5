package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinomialBoundsTest {
  @Test
  void leavesAtMostHalfTheFalseFailureProbabilityOnEachSide() {
    // Ten fair coins: P(0 heads) = P(10 heads) = 1/1024, P(at most 1) = 11/1024.
    assertThat(BinomialBounds.of(10, 0.5, 3.0 / 1024)).isEqualTo(new BinomialBounds(1, 9));
    assertThat(BinomialBounds.of(10, 0.5, 1.0 / 1024)).isEqualTo(new BinomialBounds(0, 10));
    assertThat(BinomialBounds.of(10, 0.5, 23.0 / 1024)).isEqualTo(new BinomialBounds(2, 8));
  }

  @Test
  void narrowsAroundTheMeanForManyDraws() {
    BinomialBounds bounds = BinomialBounds.of(1000, 0.2, 1e-9);
    // About 6.1 standard deviations (12.6) either side of 200.
    assertThat(bounds.low()).isBetween(118, 128);
    assertThat(bounds.high()).isBetween(272, 282);
    assertThat(bounds.contains(200)).isTrue();
    assertThat(bounds.contains(350)).isFalse();
  }
}
