/**
 * Standalone mode: Lintel without a cluster. A directory of manifests stands in for the API server
 * (with generation, uid and creationTimestamp kept as an API server would keep them), the same
 * translator and renderer as in a cluster produce each Gateway's config, and an in-process proxy
 * per Gateway serves it on its own address.
 */
package dev.lintel.operator.standalone;
