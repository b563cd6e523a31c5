package dev.lintel.operator.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when anything under a directory changes (a file added, removed, rewritten or renamed).
 * It polls a fingerprint of the tree (path, size, modification time) every 200 ms: unlike the JDK's
 * WatchService this sees changes in subdirectories created later and works the same on every file
 * system, and 200 ms keeps changes well inside the one-second promise.
 */
final class DirectoryWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
  static final long POLL_MILLIS = 200;

  private final Path directory;
  private final Runnable onChange;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "lintel-manifest-watcher");
            thread.setDaemon(true);
            return thread;
          });
  private Map<String, String> lastFingerprint;

  DirectoryWatcher(Path directory, Runnable onChange) {
    this.directory = directory;
    this.onChange = onChange;
  }

  void start() {
    lastFingerprint = fingerprint(directory);
    executor.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      Map<String, String> now = fingerprint(directory);
      if (!now.equals(lastFingerprint)) {
        lastFingerprint = now;
        onChange.run();
      }
    } catch (RuntimeException e) {
      // One failed poll (a file vanishing mid-walk) must not stop watching.
      LOG.warn("watching {} failed once: {}", directory, e.toString());
    }
  }

  static Map<String, String> fingerprint(Path directory) {
    Map<String, String> result = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.forEach(
          path -> {
            try {
              BasicFileAttributes attributes =
                  Files.readAttributes(path, BasicFileAttributes.class);
              if (attributes.isRegularFile()) {
                result.put(
                    path.toString(),
                    attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
              }
            } catch (IOException e) {
              // Deleted while walking: the next poll sees the final state.
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
