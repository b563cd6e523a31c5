<#--
  The proxy config of one Gateway, read by dev.lintel.proxy.config.ConfigParser.
  Output format LintelYAML: every string interpolation is written as a complete, escaped YAML
  double-quoted scalar, every number through the yamlInteger format. Keys and indentation are the
  only raw text, so this file decides the shape and never the spelling of a value.
  Every field of every record is written, null ones as YAML null: the parser requires them all.
-->
<#import "listener.ftl" as l>
# Rendered by Lintel from Gateway API resources. Do not edit: the operator overwrites this file.
version: ${config.version}
gateway: ${config.gateway}
<#if config.listeners?has_content>
listeners:
<#list config.listeners as listener>
<@l.listenerItem listener/>
</#list>
<#else>
listeners: []
</#if>
