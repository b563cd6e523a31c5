/**
 * The cluster side of {@code lintel proxy --configmap NS/NAME}: follows exactly one ConfigMap and
 * one Secret of the same name through the API (the proxy's Role allows nothing else), feeding the
 * config text to the proxy's keep-last-good reloader and the certificates to its TLS store.
 */
package dev.lintel.operator.proxy;
