/**
 * Reads Kubernetes manifests (YAML or JSON, multi-document) into typed fabric8 objects, the way an
 * API server would accept them: one bad document is reported and skipped, never the whole
 * directory. Shell-side: used by {@code standalone} and {@code validate}, never by the pure
 * translator.
 */
package dev.lintel.operator.manifests;
