<#--
  One macro per config record below ProxyConfig. Each writes its record as a block sequence item at
  the fixed depth the schema gives it, so the indentation is literal text in each macro.
-->
<#macro listener listener>
  - name: ${listener.name}
    port: ${listener.port}
    protocol: ${listener.protocol}
<#if listener.virtualHosts?has_content>
    virtualHosts:
<#list listener.virtualHosts as host>
<@virtualHost host/>
</#list>
<#else>
    virtualHosts: []
</#if>
</#macro>

<#macro virtualHost host>
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
<@route route/>
</#list>
<#else>
        routes: []
</#if>
</#macro>

<#macro route route>
          - name: ${route.name}
            match:
              path:
                type: ${route.match.path.type}
                value: ${route.match.path.value}
<#if route.backends?has_content>
            backends:
<#list route.backends as backend>
<@backend backend/>
</#list>
<#else>
            backends: []
</#if>
</#macro>

<#macro backend backend>
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
