<#-- Test only: a template bug that writes a fixed gateway; the round-trip gate must catch it. -->
{"version":${config.version},"gateway":"someone/else","listeners":[]}
