package dev.lintel.proxy.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificates as files in one directory: {@code <namespace>_<name>.crt} and {@code
 * <namespace>_<name>.key} for reference {@code namespace/name} (namespaces cannot contain {@code
 * _}, so the split is unambiguous), and {@code <namespace>_<name>.ca.pem} for a CA bundle. In a
 * cluster this is the mounted per-Gateway Secret.
 *
 * <p>The directory is polled rather than watched: a mounted Secret changes by swapping a symlink
 * ({@code ..data}), which file watches do not report reliably. A poll that catches a certificate
 * and a key of different generations reads a pair that does not match; the store keeps the previous
 * certificate, and the next poll reads the matching pair.
 */
public final class DirectoryCertificateSource extends ReplacingCertificateSource
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryCertificateSource.class);
  public static final String CERTIFICATE_SUFFIX = ".crt";
  public static final String KEY_SUFFIX = ".key";

  /** A CA bundle of client validation; never ends in {@link #CERTIFICATE_SUFFIX}. */
  public static final String CA_BUNDLE_SUFFIX = ".ca.pem";

  private final Path directory;
  private final ScheduledExecutorService poller;

  /** Reads the directory now and then every {@code interval}. */
  public DirectoryCertificateSource(Path directory, Duration interval) {
    this.directory = directory;
    replaceFrom(directory);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lintel-certificates");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The file name stem of a reference: {@code namespace/name} -> {@code namespace_name}. */
  public static String fileStem(String reference) {
    return reference.replaceFirst("/", "_");
  }

  private void replaceFrom(Path directory) {
    Map<String, String> files = files(directory);
    replace(pairs(files), caBundles(files));
  }

  private void poll() {
    try {
      replaceFrom(directory);
    } catch (UncheckedIOException e) {
      LOG.warn("Cannot read certificates from {}: {}", directory, e.getCause().getMessage());
    }
  }

  /** The certificates in a directory now, by reference (empty when it does not exist). */
  public static Map<String, CertificatePem> load(Path directory) {
    return pairs(files(directory));
  }

  /**
   * The files of a directory this source reads, by file name (empty when it does not exist): what
   * {@link #pairs} and {@link #caBundles} take.
   */
  public static Map<String, String> files(Path directory) {
    Map<String, String> files = new HashMap<>();
    if (!Files.isDirectory(directory)) {
      return Map.of();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path file : entries) {
        String name = file.getFileName().toString();
        if ((name.endsWith(CERTIFICATE_SUFFIX)
                || name.endsWith(KEY_SUFFIX)
                || name.endsWith(CA_BUNDLE_SUFFIX))
            && Files.isRegularFile(file)) {
          files.put(name, Files.readString(file, StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The CA bundles among files named {@code <namespace>_<name>.ca.pem}, by reference. */
  public static Map<String, CaBundlePem> caBundles(Map<String, String> files) {
    Map<String, CaBundlePem> found = new HashMap<>();
    files.forEach(
        (name, bundle) -> {
          if (!name.endsWith(CA_BUNDLE_SUFFIX)) {
            return;
          }
          String stem = name.substring(0, name.length() - CA_BUNDLE_SUFFIX.length());
          int separator = stem.indexOf('_');
          if (separator > 0) {
            found.put(
                stem.substring(0, separator) + "/" + stem.substring(separator + 1),
                new CaBundlePem(bundle));
          }
        });
    return found;
  }

  /**
   * The certificates among files named {@code <namespace>_<name>.crt} and {@code .key} (file name
   * to content): a directory's, or a Secret's data keys. A certificate without its key, or a name
   * without {@code _}, is left out.
   */
  public static Map<String, CertificatePem> pairs(Map<String, String> files) {
    Map<String, CertificatePem> found = new HashMap<>();
    files.forEach(
        (name, certificate) -> {
          if (!name.endsWith(CERTIFICATE_SUFFIX)) {
            return;
          }
          String stem = name.substring(0, name.length() - CERTIFICATE_SUFFIX.length());
          String key = files.get(stem + KEY_SUFFIX);
          int separator = stem.indexOf('_');
          if (separator > 0 && key != null) {
            String reference = stem.substring(0, separator) + "/" + stem.substring(separator + 1);
            found.put(reference, new CertificatePem(certificate, key));
          }
        });
    return found;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
