<#--
  One macro per config record below ProxyConfig, named "...Item" so loop variables can keep the
  plain names. Each writes its record as one JSON object without a trailing line break; the
  caller puts the line breaks between list items (see proxy-config.ftl for the layout).
-->
<#macro listenerItem listener>
{"name":${listener.name},"port":${listener.port},"protocol":${listener.protocol},<#t>
"virtualHosts":[<#list listener.virtualHosts>
<#items as host>
<@virtualHostItem host/><#sep>,</#sep>
</#items>
</#list>]}<#t>
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
"match":{"path":{"type":${route.match.path.type},"value":${route.match.path.value}}},<#t>
"backends":[<#list route.backends as backend><@backendItem backend/><#sep>,</#sep></#list>]}<#t>
</#macro>

<#macro backendItem backend>
{"name":${backend.name},"weight":${backend.weight},<#t>
"endpoints":[<#list backend.endpoints as endpoint><#t>
{"host":${endpoint.host},"port":${endpoint.port}}<#sep>,</#sep><#t>
</#list>],<#t>
"rejected":<#if backend.rejected??>${backend.rejected}<#else>null</#if>}<#t>
</#macro>
