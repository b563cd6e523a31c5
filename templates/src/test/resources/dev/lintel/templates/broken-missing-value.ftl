<#-- Test only: a template bug that refers to a field the model does not have. -->
{"version":${config.version},"gateway":${config.gatewayName},"listeners":[]}
