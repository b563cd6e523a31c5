package dev.lintel.proxy.routing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque session tokens: a truncated HMAC-SHA256 of the backend's name and the endpoint's address
 * under a random key of this proxy process. A client cannot make a token for an address of its
 * choosing, nor learn an endpoint's address from one; the proxy never decodes a token, it only
 * looks it up among the tokens of the route's current endpoints. The key lives as long as the
 * process, so a config reload that keeps an endpoint keeps its sessions (a key per config would end
 * every session at every endpoint change); a session reaching another replica of the proxy is
 * picked anew there.
 */
final class SessionTokens {
  /** 128 bits: guessing a valid token is hopeless, and the cookie stays short. */
  private static final int TOKEN_BYTES = 16;

  private static final byte[] KEY = randomKey();

  private SessionTokens() {}

  /** The token naming {@code endpoint} of {@code backend}. */
  static String of(String backend, String endpoint) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      byte[] digest = mac.doFinal((backend + "\n" + endpoint).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
