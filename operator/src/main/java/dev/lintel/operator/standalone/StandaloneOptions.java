package dev.lintel.operator.standalone;

import java.nio.file.Path;

/**
 * How standalone mode runs.
 *
 * @param manifests the directory whose manifests stand in for the API server
 * @param portOffset added to every listener port (listener 80 with offset 8000 binds 8080)
 * @param adminPort the admin server's port on 127.0.0.1 (0 = ephemeral)
 * @param addressPool {@code FIRST-LAST} IPv4 range Gateways without {@code spec.addresses} take an
 *     address from
 */
public record StandaloneOptions(Path manifests, int portOffset, int adminPort, String addressPool) {
  public static final String DEFAULT_ADDRESS_POOL = "127.0.0.1-127.0.0.254";
}
