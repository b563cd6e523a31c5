package dev.lintel.proxy.config;

/**
 * Answer with a redirect instead of proxying (Gateway API {@code RequestRedirect}). The operator
 * has already applied the API's port rules: {@code port} is what the {@code Location} header shows.
 *
 * @param scheme the scheme of the new URL, or null for the request's
 * @param hostname the host of the new URL, or null for the request's (without its port)
 * @param port the port shown in the new URL, or null to show none
 * @param path the new path, or null for the request's
 * @param statusCode 301, 302, 303, 307 or 308
 */
public record Redirect(
    String scheme, String hostname, Integer port, PathModifier path, int statusCode) {}
