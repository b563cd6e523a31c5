/**
 * The proxy server: event loops, listeners, and config reloads. {@link
 * dev.lintel.proxy.server.ProxyServer} is the entry point other modules use; {@link
 * dev.lintel.proxy.server.ConfigReloader} applies config text with keep-last-good semantics and
 * {@link dev.lintel.proxy.server.ConfigFileWatcher} feeds it from a mounted file.
 */
package dev.lintel.proxy.server;
