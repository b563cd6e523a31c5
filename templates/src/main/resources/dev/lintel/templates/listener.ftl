<#--
  One macro per config record below ProxyConfig, named "...Item" so loop variables can keep the
  plain names. Each writes its record as a block sequence item at the fixed depth the schema gives
  it, so the indentation is literal text in each macro.
-->
<#macro listenerItem listener>
  - name: ${listener.name}
    port: ${listener.port}
    protocol: ${listener.protocol}
<#if listener.virtualHosts?has_content>
    virtualHosts:
<#list listener.virtualHosts as host>
<@virtualHostItem host/>
</#list>
<#else>
    virtualHosts: []
</#if>
</#macro>

<#macro virtualHostItem host>
      - name: ${host.name}
<#if host.hostnames?has_content>
        hostnames:
<#list host.hostnames as hostname>
          - ${hostname}
</#list>
<#else>
        hostnames: []
</#if>
<#if host.routes?has_content>
        routes:
<#list host.routes as route>
<@routeItem route/>
</#list>
<#else>
        routes: []
</#if>
</#macro>

<#macro routeItem route>
          - name: ${route.name}
            match:
              path:
                type: ${route.match.path.type}
                value: ${route.match.path.value}
<#if route.backends?has_content>
            backends:
<#list route.backends as backend>
<@backendItem backend/>
</#list>
<#else>
            backends: []
</#if>
</#macro>

<#macro backendItem backend>
              - name: ${backend.name}
                weight: ${backend.weight}
<#if backend.endpoints?has_content>
                endpoints:
<#list backend.endpoints as endpoint>
                  - host: ${endpoint.host}
                    port: ${endpoint.port}
</#list>
<#else>
                endpoints: []
</#if>
<#if backend.rejected??>
                rejected: ${backend.rejected}
<#else>
                rejected: null
</#if>
</#macro>
