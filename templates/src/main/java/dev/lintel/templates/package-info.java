/**
 * Renders the proxy config model ({@code dev.lintel.proxy.config}) into config text through
 * Freemarker templates with auto-escaping, and refuses to publish any text that does not parse back
 * into the same model (the round-trip gate).
 */
package dev.lintel.templates;
