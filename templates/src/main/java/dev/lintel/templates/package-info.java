/**
 * Renders the proxy config model ({@code dev.lintel.proxy.config}) into config text through
 * Freemarker templates with auto-escaping, and refuses to publish any text that does not parse back
 * into the same model (the round-trip gate). The text is compact JSON, one route per line: the
 * proxy reads JSON far faster than YAML, and JSON is YAML, so the config format stays YAML.
 */
package dev.lintel.templates;
