package dev.lintel.operator.proxy;

import dev.lintel.operator.provision.ProxyConfigMapFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Reads the config text out of a ConfigMap written by the operator: {@code config.yaml}, or {@code
 * config.yaml.gz} (base64 gzip in {@code binaryData}) for large configs.
 */
final class ConfigMapText {
  /** Matches the proxy's parser limit; a larger inflated text is a gzip bomb, not a config. */
  static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;

  private ConfigMapText() {}

  static String of(ConfigMap map) throws IOException {
    if (map.getData() != null && map.getData().containsKey(ProxyConfigMapFactory.CONFIG_KEY)) {
      return map.getData().get(ProxyConfigMapFactory.CONFIG_KEY);
    }
    if (map.getBinaryData() != null
        && map.getBinaryData().containsKey(ProxyConfigMapFactory.GZIP_KEY)) {
      byte[] gz;
      try {
        gz = Base64.getDecoder().decode(map.getBinaryData().get(ProxyConfigMapFactory.GZIP_KEY));
      } catch (IllegalArgumentException e) {
        throw new IOException(ProxyConfigMapFactory.GZIP_KEY + " is not base64", e);
      }
      return gunzip(new ByteArrayInputStream(gz));
    }
    throw new IOException(
        "neither " + ProxyConfigMapFactory.CONFIG_KEY + " nor " + ProxyConfigMapFactory.GZIP_KEY);
  }

  /** Also reads the mounted {@code config.yaml.gz} file at boot. */
  static String gunzip(InputStream compressed) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(compressed)) {
      byte[] text = in.readNBytes(MAX_TEXT_BYTES + 1);
      if (text.length > MAX_TEXT_BYTES) {
        throw new IOException("inflated config is over " + MAX_TEXT_BYTES + " bytes");
      }
      return new String(text, StandardCharsets.UTF_8);
    }
  }
}
