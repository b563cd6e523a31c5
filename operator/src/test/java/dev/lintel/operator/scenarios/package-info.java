/**
 * Scenario tests: one test per upstream Gateway API conformance test (named after its ShortName),
 * run against standalone mode with real echo backends and a real HTTP client. The harness here
 * gives each test the upstream conformance base (namespaces, Gateways, Services with EndpointSlices
 * pointing at one echo server each), applies the test's own manifests as files, waits until
 * standalone mode has processed them, and reads back what the upstream test asserts: which backend
 * answered, what it saw, response codes, and the status conditions of every object.
 */
package dev.lintel.operator.scenarios;
