/**
 * A small echo backend: answers every request, over HTTP/1.1 or h2c with prior knowledge on the
 * same port, with a JSON description of the request (its trailers echoed back). Used by {@code
 * lintel echo}, by demos and by tests across the project as a real upstream.
 */
package dev.lintel.proxy.echo;
