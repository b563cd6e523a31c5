package dev.lintel.operator.provision;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * The ConfigMap that carries a Gateway's rendered config to its proxy: plain text under {@value
 * #CONFIG_KEY}, or gzip under {@value #GZIP_KEY} when the text would crowd the 1 MiB object limit
 * (metadata and base64 need the rest).
 */
public final class ProxyConfigMapFactory {
  public static final String CONFIG_KEY = "config.yaml";
  public static final String GZIP_KEY = "config.yaml.gz";

  /** Above this many UTF-8 bytes the text is gzipped. */
  public static final int GZIP_THRESHOLD_BYTES = 900 * 1024;

  public ConfigMap create(ProxyIdentity identity, String configText) {
    byte[] bytes = configText.getBytes(StandardCharsets.UTF_8);
    ConfigMapBuilder builder = new ConfigMapBuilder().withMetadata(identity.metadata());
    if (bytes.length > GZIP_THRESHOLD_BYTES) {
      builder.addToBinaryData(GZIP_KEY, Base64.getEncoder().encodeToString(gzip(bytes)));
    } else {
      builder.addToData(CONFIG_KEY, configText);
    }
    return builder.build();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
