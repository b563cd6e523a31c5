/** Test helpers shared by the proxy's tests: config builders and a raw HTTP client. */
package dev.lintel.proxy.testing;
