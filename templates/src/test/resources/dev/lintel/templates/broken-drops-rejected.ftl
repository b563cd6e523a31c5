<#-- Test only: a template bug that loses Backend.rejected deep in the tree. -->
version: ${config.version}
gateway: ${config.gateway}
listeners:
<#list config.listeners as listener>
  - {name: ${listener.name}, port: ${listener.port}, protocol: ${listener.protocol}, virtualHosts: [<#list listener.virtualHosts as host>{name: ${host.name}, hostnames: [<#list host.hostnames as h>${h}<#sep>, </#list>], routes: [<#list host.routes as route>{name: ${route.name}, match: {path: {type: ${route.match.path.type}, value: ${route.match.path.value}}}, backends: [<#list route.backends as b>{name: ${b.name}, weight: ${b.weight}, endpoints: [<#list b.endpoints as e>{host: ${e.host}, port: ${e.port}}<#sep>, </#list>], rejected: null}<#sep>, </#list>]}<#sep>, </#list>]}<#sep>, </#list>]}
</#list>
