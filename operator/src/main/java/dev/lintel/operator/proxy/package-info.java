/**
 * The cluster side of {@code lintel proxy --configmap NS/NAME}: follows exactly one ConfigMap
 * through the API (the proxy's Role allows nothing else) and feeds its config text to the proxy's
 * keep-last-good reloader.
 */
package dev.lintel.operator.proxy;
