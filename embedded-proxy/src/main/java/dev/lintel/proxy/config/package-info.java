/**
 * The proxy config schema: the contract between the operator (which renders it) and the proxy
 * (which serves it). Records only, plus the strict parser and the semantic validation. Every other
 * module refers to these types; none defines its own copy of the schema.
 */
package dev.lintel.proxy.config;
