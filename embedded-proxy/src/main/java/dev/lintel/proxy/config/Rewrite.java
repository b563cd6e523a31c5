package dev.lintel.proxy.config;

/**
 * Changes the request before it goes upstream (Gateway API {@code URLRewrite}).
 *
 * @param hostname the Host header the upstream sees, or null to keep it
 * @param path the new path, or null to keep it
 */
public record Rewrite(String hostname, PathModifier path) {}
