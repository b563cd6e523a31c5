package dev.lintel.proxy.server;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ProxyServer} on the config in a file. It watches the file's directory, not the
 * file, because editors and Kubernetes replace files rather than write them: an atomic rename, or
 * the {@code ..data} symlink swap of a mounted ConfigMap, never modifies the watched inode. The
 * {@link WatchService} is backed by a 200 ms poll of the file's modification time, size and inode
 * (some filesystems and JDKs deliver events late or never), and a change is applied only if the
 * content changed. Failures keep the last good config (see {@link ConfigReloader}).
 */
public final class ConfigFileWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);
  static final long POLL_MILLIS = 200;

  private final Path file;
  private final Path fileName;
  private final ConfigReloader reloader;

  private WatchService watchService;
  private Thread thread;
  private volatile boolean running;

  /** Attributes seen at the last check; a difference triggers a content comparison. */
  private FileStamp lastStamp;

  /** The text in force, to skip rewrites that change nothing. */
  private byte[] lastContent;

  /**
   * Where the file is read to be compared with {@link #lastContent}, reused: most reads find the
   * same text (a rename raises events after the reload, too), and a fresh 3 MB array for each was
   * enough garbage to bring the 48 MB heap's full collections (50-60 ms) into reloads.
   */
  private byte[] scratch = new byte[0];

  public ConfigFileWatcher(Path file, ProxyServer server, ConfigParser parser) {
    this.file = file.toAbsolutePath();
    this.fileName = this.file.getFileName();
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
    int length = readIntoScratch(); // before reading the field: it may replace the array
    byte[] content = Arrays.copyOf(scratch, length);
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
          event = concernsFile(key.pollEvents());
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

  /**
   * True when an event may have changed the file's content without changing its attributes: an
   * event on the file's own name, on a Kubernetes {@code ..data} swap, or a lost event. Events on
   * other files of the directory (the temp file a writer renames over the config, a log file) only
   * lead to the cheap attribute check: writing a 3 MB temp file raised a dozen events, and reading
   * and comparing the unchanged config for each delayed the rename's reload by 5-10 ms.
   */
  private boolean concernsFile(List<WatchEvent<?>> events) {
    for (WatchEvent<?> event : events) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW
          || !(event.context() instanceof Path name)) {
        return true;
      }
      if (name.equals(fileName) || name.toString().startsWith("..")) {
        return true;
      }
    }
    return false;
  }

  private void check(boolean event) {
    FileStamp stamp;
    int length;
    try {
      stamp = FileStamp.of(file);
      if (!event && stamp.equals(lastStamp)) {
        return;
      }
      length = readIntoScratch();
    } catch (IOException e) {
      // Mid-replacement or deleted: keep serving, look again on the next tick.
      lastStamp = null;
      return;
    }
    lastStamp = stamp;
    // A byte comparison, not a digest: hashing a 10,000-route config took a fifth of a reload.
    if (Arrays.equals(scratch, 0, length, lastContent, 0, lastContent.length)) {
      return;
    }
    byte[] content = Arrays.copyOf(scratch, length);
    lastContent = content;
    reloader.applyText(content, file.toString());
  }

  /** Reads the whole file into {@link #scratch}, growing it as needed; returns the length. */
  private int readIntoScratch() throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException(file + " is too large");
      }
      if (scratch.length < size + 1) {
        // One spare byte: reading up to the end of the buffer means the file grew meanwhile.
        scratch = new byte[(int) size + 1];
      }
      int length = 0;
      while (true) {
        if (length == scratch.length) {
          scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        int read = channel.read(ByteBuffer.wrap(scratch, length, scratch.length - length));
        if (read < 0) {
          return length;
        }
        length += read;
      }
    }
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
