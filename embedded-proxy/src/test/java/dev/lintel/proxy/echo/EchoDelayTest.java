package dev.lintel.proxy.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EchoDelayTest {
  @Test
  void readsGoDurationsFromTheQuery() {
    assertThat(EchoDelay.of("/p")).isZero();
    assertThat(EchoDelay.of("/p?other=1")).isZero();
    assertThat(EchoDelay.of("/p?delay=0")).isZero();
    assertThat(EchoDelay.of("/p?delay=500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(EchoDelay.of("/p?a=b&delay=1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(EchoDelay.of("/p?delay=1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(EchoDelay.of("/p?delay=1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(EchoDelay.of("/p?delay=1h")).isEqualTo(Duration.ofHours(1));
    assertThat(EchoDelay.of("/p?delay=250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(EchoDelay.of("/p?delay=7ns")).isEqualTo(Duration.ofNanos(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "s", "1x", "-1s", "1s2", "1h1ns", "1.5", " 1s", "99999h"})
  void refusesWhatIsNoDurationOrTooLong(String text) {
    assertThatThrownBy(() -> EchoDelay.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
