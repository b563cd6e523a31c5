<#-- Test only: a template bug that writes text the parser cannot read. -->
{"version":${config.version},"gateway":${config.gateway},"listeners":[
