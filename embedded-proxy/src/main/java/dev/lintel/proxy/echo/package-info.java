/**
 * A small echo backend: answers every request with a JSON description of the request. Used by
 * {@code lintel echo}, by demos and by tests across the project as a real upstream.
 */
package dev.lintel.proxy.echo;
