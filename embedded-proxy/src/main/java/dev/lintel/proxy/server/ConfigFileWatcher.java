package dev.lintel.proxy.server;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ProxyServer} on the config in a file. It watches the file's directory, not the
 * file, because editors and Kubernetes replace files rather than write them: an atomic rename, or
 * the {@code ..data} symlink swap of a mounted ConfigMap, never modifies the watched inode. The
 * {@link WatchService} is backed by a 200 ms poll of the file's modification time, size and inode
 * (some filesystems and JDKs deliver events late or never), and a change is applied only if the
 * content hash changed. Failures keep the last good config (see {@link ConfigReloader}).
 */
public final class ConfigFileWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);
  static final long POLL_MILLIS = 200;

  private final Path file;
  private final ConfigReloader reloader;

  private WatchService watchService;
  private Thread thread;
  private volatile boolean running;

  /** Attributes seen at the last check; a difference triggers a content comparison. */
  private FileStamp lastStamp;

  /** The text in force, to skip rewrites that change nothing. */
  private byte[] lastContent;

  public ConfigFileWatcher(Path file, ProxyServer server, ConfigParser parser) {
    this.file = file.toAbsolutePath();
    this.reloader = new ConfigReloader(server, parser);
  }

  /**
   * Loads the file (a failure here is thrown: there is no last good config yet), then starts
   * watching it.
   */
  public synchronized void start() throws IOException, ConfigException {
    if (running) {
      throw new IllegalStateException("already started");
    }
    FileStamp stamp = FileStamp.of(file);
    byte[] content = Files.readAllBytes(file);
    reloader.load(content, file.toString());
    lastStamp = stamp;
    lastContent = content;
    watchService = FileSystems.getDefault().newWatchService();
    file.getParent()
        .register(
            watchService,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
    running = true;
    thread = new Thread(this::watchLoop, "lintel-config-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void watchLoop() {
    while (running) {
      boolean event = false;
      try {
        WatchKey key = watchService.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (key != null) {
          event = !key.pollEvents().isEmpty();
          key.reset();
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      try {
        check(event);
      } catch (RuntimeException e) {
        // Never let the watcher die: the proxy would silently stop following its config.
        LOG.warn("Config watch of {} failed, will retry: {}", file, e.toString());
      }
    }
  }

  private void check(boolean event) {
    FileStamp stamp;
    byte[] content;
    try {
      stamp = FileStamp.of(file);
      if (!event && stamp.equals(lastStamp)) {
        return;
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      // Mid-replacement or deleted: keep serving, look again on the next tick.
      lastStamp = null;
      return;
    }
    lastStamp = stamp;
    // A byte comparison, not a digest: hashing a 10,000-route config took a fifth of a reload.
    if (Arrays.equals(content, lastContent)) {
      return;
    }
    lastContent = content;
    reloader.applyText(content, file.toString());
  }

  @Override
  public void close() {
    running = false;
    Thread t;
    synchronized (this) {
      t = thread;
      if (watchService != null) {
        try {
          watchService.close();
        } catch (IOException e) {
          LOG.debug("closing watch service", e);
        }
      }
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What the poll compares; {@code fileKey} (the inode) changes on rename and symlink swaps. */
  private record FileStamp(long modifiedNanos, long size, Object fileKey) {
    static FileStamp of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(
          attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
          attributes.size(),
          attributes.fileKey());
    }
  }
}
