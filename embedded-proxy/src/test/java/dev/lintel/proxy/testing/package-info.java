/**
 * Test helpers shared by the proxy's tests (and, through the test jar, the operator's): config
 * builders, a raw HTTP client, a test certificate authority.
 */
package dev.lintel.proxy.testing;
