<#--
  The proxy config of one Gateway, read by dev.lintel.proxy.config.ConfigParser.
  The text is JSON (and so also YAML): the parser reads a text that starts with a brace with
  Jackson's JSON parser, about ten times faster than YAML, which is what a config change waits for.
  JSON has no comments, so the text cannot say it was rendered by Lintel and is overwritten by the
  operator on every change: that is documented in the README instead.

  Output format LintelJSON: every string interpolation is written as a complete, escaped JSON
  string literal, every number through the jsonInteger format. Keys and punctuation are the only
  raw text, so this file decides the shape and never the spelling of a value.
  Every field of every record is written, null ones as null: the parser requires them all.

  Layout: compact, but each listener, virtual host and route starts a line of its own, and each
  of their lists closes on a line of its own, so the diff of two configs shows one line per
  changed route. "<#t>" drops a template line's indentation and line break from the output.
-->
<#import "listener.ftl" as l>
{"version":${config.version},"gateway":${config.gateway},"listeners":[<#list config.listeners>
<#items as listener>
<@l.listenerItem listener/><#sep>,</#sep>
</#items>
</#list>]}
