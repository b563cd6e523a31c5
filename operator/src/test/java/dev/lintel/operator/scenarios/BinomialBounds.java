package dev.lintel.operator.scenarios;

/**
 * How many of {@code n} independent draws, each a hit with probability {@code p}, may be hits
 * before a test may call the sampling wrong: the central interval of the binomial distribution that
 * leaves at most {@code falseFailure / 2} probability on each side. A test that fails only outside
 * it fails a correct implementation with probability at most {@code falseFailure}, however loaded
 * the machine, because timing does not enter the count.
 *
 * @param low the fewest hits accepted
 * @param high the most hits accepted
 */
record BinomialBounds(int low, int high) {
  static BinomialBounds of(int n, double p, double falseFailure) {
    if (n <= 0 || !(p > 0 && p < 1) || !(falseFailure > 0 && falseFailure < 1)) {
      throw new IllegalArgumentException("n=" + n + " p=" + p + " falseFailure=" + falseFailure);
    }
    double[] pmf = pmf(n, p);
    double tail = falseFailure / 2;
    int low = 0;
    double below = 0;
    while (below + pmf[low] <= tail) {
      below += pmf[low++];
    }
    int high = n;
    double above = 0;
    while (above + pmf[high] <= tail) {
      above += pmf[high--];
    }
    return new BinomialBounds(low, high);
  }

  boolean contains(int hits) {
    return hits >= low && hits <= high;
  }

  /** P(X = k) for k = 0..n, computed in logarithms so that large n do not underflow midway. */
  private static double[] pmf(int n, double p) {
    double[] result = new double[n + 1];
    double logP = Math.log(p);
    double logQ = Math.log1p(-p);
    double log = n * logQ;
    for (int k = 0; k <= n; k++) {
      result[k] = Math.exp(log);
      log += Math.log(n - k) - Math.log(k + 1) + logP - logQ;
    }
    return result;
  }

  @Override
  public String toString() {
    return "[" + low + ", " + high + "]";
  }
}
