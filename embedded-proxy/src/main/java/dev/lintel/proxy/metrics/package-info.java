/**
 * The proxy's Micrometer meters. Every meter is registered up front so that counting on the request
 * path is an increment, never a registry lookup.
 */
package dev.lintel.proxy.metrics;
