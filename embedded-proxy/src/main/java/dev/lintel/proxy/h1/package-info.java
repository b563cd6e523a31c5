/**
 * The HTTP/1.x wire format as the proxy needs it: message heads parsed into byte offsets (no header
 * map, no string per header), body framing decoded and encoded, and forwarded heads written by
 * copying the received header lines. A proxy mostly relays headers it never looks at, so it should
 * not pay to turn each one into objects and back into bytes.
 *
 * <p>Parsing is strict where request smuggling lives (RFC 9112): CRLF line ends only, no obs-fold,
 * no whitespace before a colon, token-only names, no control characters in values, one valid
 * Content-Length at most, never both Content-Length and Transfer-Encoding, and {@code chunked} as
 * the only transfer coding.
 */
package dev.lintel.proxy.h1;
