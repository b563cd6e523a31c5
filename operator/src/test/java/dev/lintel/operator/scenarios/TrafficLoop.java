package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests sent back to back on a thread of their own while a test changes the configuration, as
 * the upstream non-disruptive tests do: every response must be a 200 from one of the expected
 * backends (the old one or the new one while a change takes effect).
 */
final class TrafficLoop implements AutoCloseable {
  private final AtomicInteger sent = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private TrafficLoop(GatewayClient client, ScenarioRequest request, Set<String> backends) {
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                sent.incrementAndGet();
                try {
                  ScenarioResponse response = client.send(request);
                  if (response.status() != 200 || !backends.contains(response.echo().backend())) {
                    failures.add(response.toString());
                  }
                } catch (RuntimeException e) {
                  failures.add(e.toString());
                }
              }
            },
            "traffic-loop");
    thread.start();
  }

  /** Starts sending {@code request}, expecting each answer from one of {@code backends}. */
  static TrafficLoop start(GatewayClient client, ScenarioRequest request, String... backends) {
    return new TrafficLoop(client, request, Set.of(backends));
  }

  /** Stops the loop and asserts that requests were sent and none failed. */
  void stopAndExpectNoFailures() throws InterruptedException {
    close();
    assertThat(sent.get()).isPositive();
    assertThat(failures).as("failed requests of %s", sent.get()).isEmpty();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
