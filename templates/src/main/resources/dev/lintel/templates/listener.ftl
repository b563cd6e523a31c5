<#--
  One macro per config record below ProxyConfig, named "...Item" so loop variables can keep the
  plain names. Each writes its record as one JSON object without a trailing line break; the
  caller puts the line breaks between list items (see proxy-config.ftl for the layout).
-->
<#macro listenerItem listener>
{"name":${listener.name},"port":${listener.port},"protocol":${listener.protocol},<#t>
"tls":[<#list listener.tls as entry><@tlsEntryItem entry/><#sep>,</#sep></#list>],<#t>
"clientValidation":<#if listener.clientValidation??><@clientValidationItem listener.clientValidation/><#else>null</#if>,<#t>
"tlsListeners":[<#list listener.tlsListeners as tlsListener><@tlsListenerItem tlsListener/><#sep>,</#sep></#list>],<#t>
"virtualHosts":[<#list listener.virtualHosts>
<#items as host>
<@virtualHostItem host/><#sep>,</#sep>
</#items>
</#list>]}<#t>
</#macro>

<#-- Certificates by reference only: key material never enters the config. -->
<#macro tlsEntryItem entry>
{"hostname":<#if entry.hostname??>${entry.hostname}<#else>null</#if>,<#t>
"certificates":[<#list entry.certificates as reference>${reference}<#sep>,</#sep></#list>]}<#t>
</#macro>

<#-- A Gateway TLS listener and its routes; certificates by reference only, as for HTTPS. -->
<#macro tlsListenerItem tlsListener>
{"hostname":<#if tlsListener.hostname??>${tlsListener.hostname}<#else>null</#if>,<#t>
"mode":${tlsListener.mode},<#t>
"certificates":[<#list tlsListener.certificates as reference>${reference}<#sep>,</#sep></#list>],<#t>
"routes":[<#list tlsListener.routes as route><#t>
{"name":${route.name},<#t>
"hostnames":[<#list route.hostnames as hostname>${hostname}<#sep>,</#sep></#list>],<#t>
"backends":[<#list route.backends as backend><@backendItem backend/><#sep>,</#sep></#list>]}<#sep>,</#sep><#t>
</#list>]}<#t>
</#macro>

<#-- Trusted authorities by reference only, as certificates. -->
<#macro clientValidationItem validation>
{"caCertificates":[<#list validation.caCertificates as reference>${reference}<#sep>,</#sep></#list>],<#t>
"mode":${validation.mode}}<#t>
</#macro>

<#macro virtualHostItem host>
{"name":${host.name},<#t>
"hostnames":[<#list host.hostnames as hostname>${hostname}<#sep>,</#sep></#list>],<#t>
"routes":[<#list host.routes>
<#items as route>
<@routeItem route/><#sep>,</#sep>
</#items>
</#list>]}<#t>
</#macro>

<#-- A route and everything below it is one line. -->
<#macro routeItem route>
{"name":${route.name},<#t>
"match":{"path":{"type":${route.match.path.type},"value":${route.match.path.value}},<#t>
"method":<#if route.match.method??>${route.match.method}<#else>null</#if>,<#t>
"headers":[<#list route.match.headers as m><@valueMatchItem m/><#sep>,</#sep></#list>],<#t>
"queryParams":[<#list route.match.queryParams as m><@valueMatchItem m/><#sep>,</#sep></#list>]},<#t>
"filters":{"requestHeaders":<@headerModifierOrNull route.filters.requestHeaders!/>,<#t>
"responseHeaders":<@headerModifierOrNull route.filters.responseHeaders!/>,<#t>
"redirect":<#if route.filters.redirect??><@redirectItem route.filters.redirect/><#else>null</#if>,<#t>
"rewrite":<#if route.filters.rewrite??><@rewriteItem route.filters.rewrite/><#else>null</#if>,<#t>
"mirrors":[<#list route.filters.mirrors as mirror><#t>
{"backend":<@backendItem mirror.backend/>,"numerator":${mirror.numerator},"denominator":${mirror.denominator}}<#sep>,</#sep><#t>
</#list>],<#t>
"cors":<#if route.filters.cors??><@corsItem route.filters.cors/><#else>null</#if>,<#t>
"directResponse":<#if route.filters.directResponse??>{"statusCode":${route.filters.directResponse.statusCode},<#t>
"body":<#if route.filters.directResponse.body??>${route.filters.directResponse.body}<#else>null</#if>}<#else>null</#if>},<#t>
"timeouts":{"requestMillis":<#if route.timeouts.requestMillis??>${route.timeouts.requestMillis}<#else>null</#if>,<#t>
"backendRequestMillis":<#if route.timeouts.backendRequestMillis??>${route.timeouts.backendRequestMillis}<#else>null</#if>},<#t>
"retry":<#if route.retry??>{"codes":[<#list route.retry.codes as code>${code}<#sep>,</#sep></#list>],<#t>
"attempts":${route.retry.attempts},<#t>
"backoffMillis":<#if route.retry.backoffMillis??>${route.retry.backoffMillis}<#else>null</#if>}<#else>null</#if>,<#t>
"sessionPersistence":<#if route.sessionPersistence??>{"type":${route.sessionPersistence.type},<#t>
"name":${route.sessionPersistence.name},<#t>
"cookiePath":<#if route.sessionPersistence.cookiePath??>${route.sessionPersistence.cookiePath}<#else>null</#if>,<#t>
"maxAgeSeconds":<#if route.sessionPersistence.maxAgeSeconds??>${route.sessionPersistence.maxAgeSeconds}<#else>null</#if>}<#else>null</#if>,<#t>
"backends":[<#list route.backends as backend><@backendItem backend/><#sep>,</#sep></#list>]}<#t>
</#macro>

<#macro valueMatchItem m>
{"type":${m.type},"name":${m.name},"value":${m.value}}<#t>
</#macro>

<#macro backendItem backend>
{"name":${backend.name},"weight":${backend.weight},<#t>
"endpoints":[<#list backend.endpoints as endpoint><#t>
{"host":${endpoint.host},"port":${endpoint.port}}<#sep>,</#sep><#t>
</#list>],<#t>
"rejected":<#if backend.rejected??>${backend.rejected}<#else>null</#if>,<#t>
"requestHeaders":<@headerModifierOrNull backend.requestHeaders!/>,<#t>
"responseHeaders":<@headerModifierOrNull backend.responseHeaders!/>,<#t>
"protocol":${backend.protocol},<#t>
"tls":<#if backend.tls??><@backendTlsItem backend.tls/><#else>null</#if>}<#t>
</#macro>

<#-- Trust and client certificate by reference only, as for listeners. -->
<#macro backendTlsItem tls>
{"serverName":${tls.serverName},<#t>
"caCertificates":[<#list tls.caCertificates as reference>${reference}<#sep>,</#sep></#list>],<#t>
"wellKnownCaCertificates":<#if tls.wellKnownCaCertificates??>${tls.wellKnownCaCertificates}<#else>null</#if>,<#t>
"subjectAltNames":[<#list tls.subjectAltNames as san>{"type":${san.type},"value":${san.value}}<#sep>,</#sep></#list>],<#t>
"clientCertificate":<#if tls.clientCertificate??>${tls.clientCertificate}<#else>null</#if>}<#t>
</#macro>

<#-- A HeaderModifier, or null when the model has none (the caller passes `value!`: empty when there is none). -->
<#macro headerModifierOrNull modifier="">
<#if modifier?has_content><#t>
{"set":[<#list modifier.set as h><@headerValueItem h/><#sep>,</#sep></#list>],<#t>
"add":[<#list modifier.add as h><@headerValueItem h/><#sep>,</#sep></#list>],<#t>
"remove":[<#list modifier.remove as name>${name}<#sep>,</#sep></#list>]}<#t>
<#else>null</#if><#t>
</#macro>

<#macro headerValueItem h>
{"name":${h.name},"value":${h.value}}<#t>
</#macro>

<#macro pathModifierOrNull path="">
<#if path?has_content>{"type":${path.type},"value":${path.value}}<#else>null</#if><#t>
</#macro>

<#macro redirectItem redirect>
{"scheme":<#if redirect.scheme??>${redirect.scheme}<#else>null</#if>,<#t>
"hostname":<#if redirect.hostname??>${redirect.hostname}<#else>null</#if>,<#t>
"port":<#if redirect.port??>${redirect.port}<#else>null</#if>,<#t>
"path":<@pathModifierOrNull redirect.path!/>,<#t>
"statusCode":${redirect.statusCode}}<#t>
</#macro>

<#macro rewriteItem rewrite>
{"hostname":<#if rewrite.hostname??>${rewrite.hostname}<#else>null</#if>,<#t>
"path":<@pathModifierOrNull rewrite.path!/>}<#t>
</#macro>

<#macro corsItem cors>
{"allowOrigins":[<#list cors.allowOrigins as v>${v}<#sep>,</#sep></#list>],<#t>
"allowCredentials":<@jsonBoolean cors.allowCredentials/>,<#t>
"allowMethods":[<#list cors.allowMethods as v>${v}<#sep>,</#sep></#list>],<#t>
"allowHeaders":[<#list cors.allowHeaders as v>${v}<#sep>,</#sep></#list>],<#t>
"exposeHeaders":[<#list cors.exposeHeaders as v>${v}<#sep>,</#sep></#list>],<#t>
"maxAgeSeconds":${cors.maxAgeSeconds}}<#t>
</#macro>

<#-- A boolean as JSON markup: interpolating it would print a quoted string, which the parser refuses. -->
<#macro jsonBoolean flag>
<#if flag>true<#else>false</#if><#t>
</#macro>
