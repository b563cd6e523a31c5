package dev.lintel.proxy.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a backend in proportion to its weight. Random rather than smooth round robin because it
 * needs no shared mutable state across event loops; over many requests the shares converge.
 * Weight-0 backends are never picked; when every weight is 0 (or there are no backends) nothing is
 * picked and the request is answered 500.
 */
public final class BackendPicker {
  private final CompiledBackend[] backends;

  /** cumulative[i] = sum of the weights of backends[0..i]. */
  private final long[] cumulative;

  private final long total;

  BackendPicker(List<CompiledBackend> candidates, List<Integer> weights) {
    List<CompiledBackend> kept = new ArrayList<>();
    List<Long> sums = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < candidates.size(); i++) {
      int weight = weights.get(i);
      if (weight > 0) {
        sum += weight;
        kept.add(candidates.get(i));
        sums.add(sum);
      }
    }
    this.backends = kept.toArray(new CompiledBackend[0]);
    this.cumulative = sums.stream().mapToLong(Long::longValue).toArray();
    this.total = sum;
  }

  /** The backends that can be picked (positive weight), in config order. */
  CompiledBackend[] candidates() {
    return backends;
  }

  /** Sum of the weights; 0 means no backend can be picked. */
  public long totalWeight() {
    return total;
  }

  /** Picks at random; null when no backend has a positive weight. */
  public CompiledBackend pick() {
    if (backends.length <= 1) {
      return backends.length == 0 ? null : backends[0];
    }
    return pick(ThreadLocalRandom.current().nextLong(total));
  }

  /**
   * Picks the backend owning {@code ticket}, a number in {@code [0, totalWeight())}: tests drive it
   * with a seeded or sequential source.
   */
  public CompiledBackend pick(long ticket) {
    if (backends.length == 0) {
      return null;
    }
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ticket < cumulative[mid]) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return backends[low];
  }
}
