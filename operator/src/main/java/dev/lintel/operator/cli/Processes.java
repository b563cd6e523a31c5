package dev.lintel.operator.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a server command alive until the JVM is asked to stop, then closes what it started. */
final class Processes {
  private Processes() {}

  static int runUntilStopped(AutoCloseable... resources) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (AutoCloseable resource : resources) {
                    try {
                      resource.close();
                    } catch (Exception e) {
                      // Shutting down: nothing left to tell but stderr.
                      System.err.println("closing " + resource + ": " + e);
                    }
                  }
                  stopped.countDown();
                },
                "lintel-shutdown"));
    stopped.await();
    return 0;
  }
}
