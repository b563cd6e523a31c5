/**
 * TLS termination on HTTPS listeners: certificate material (kept apart from the config, which only
 * names certificates), parsed once into Netty {@code SslContext}s, selected per connection by the
 * client's SNI, and replaced without a restart when a certificate changes. The same ClientHello
 * peek routes the connections of TLS listeners to their TLSRoutes (passed through, or terminated
 * here), handing them to {@code dev.lintel.proxy.relay}. Also TLS origination to backends
 * (BackendTLSPolicy): client contexts per backend TLS setting, trusting its CA bundles, checking
 * its server name or subject alternative names, presenting the Gateway's client certificate. Key
 * material is never logged and never part of an exception message.
 */
package dev.lintel.proxy.tls;
