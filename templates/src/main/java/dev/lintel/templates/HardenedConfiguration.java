package dev.lintel.templates;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.Version;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Builds the one Freemarker {@link Configuration} the renderer uses, locked down so that the
 * templates can do nothing but walk the config records and print escaped values. The lock-down is
 * defence in depth: the templates are ours, but the values in them come from users' Kubernetes
 * objects (the ingress-nginx config-injection CVEs came from exactly that mix).
 */
final class HardenedConfiguration {
  static final Version VERSION = Configuration.VERSION_2_3_35;

  /** Folder of the {@code *.ftl} files on the class path. */
  static final String TEMPLATE_ROOT = "/dev/lintel/templates";

  private HardenedConfiguration() {}

  static Configuration create() {
    Configuration configuration = new Configuration(VERSION);
    configuration.setTemplateLoader(
        new ClassTemplateLoader(HardenedConfiguration.class, TEMPLATE_ROOT));
    configuration.setDefaultEncoding("UTF-8");
    // Templates ship in the jar and never change at run time: no stale checks, no locale variants.
    configuration.setLocalizedLookup(false);
    configuration.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);

    // Every ${...} goes through the JSON quoting, whatever the template file is called; FORCE also
    // makes ?no_esc and <#noautoesc> parse errors, so no template can opt out.
    configuration.setRecognizeStandardFileExtensions(false);
    configuration.setOutputFormat(JsonOutputFormat.INSTANCE);
    configuration.setAutoEscapingPolicy(Configuration.FORCE_AUTO_ESCAPING_POLICY);

    // Output must not depend on the JVM's locale or zone; integers only, as plain digits.
    configuration.setLocale(Locale.ROOT);
    configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
    configuration.setCustomNumberFormats(
        Map.of(JsonIntegerFormatFactory.NAME, JsonIntegerFormatFactory.INSTANCE));
    configuration.setNumberFormat("@" + JsonIntegerFormatFactory.NAME);
    configuration.setBooleanFormat("c");

    // No way from a template to Java: no ?new of any class, no ?api, and the data model is plain
    // maps, lists, strings and integers (TemplateData) that a wrapper exposing no bean holds.
    configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    configuration.setAPIBuiltinEnabled(false);
    configuration.setObjectWrapper(objectWrapper());

    // A template error is a Lintel bug: fail the render, never print a half config, log nothing
    // (the caller handles the exception once).
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    configuration.setLogTemplateExceptions(false);
    configuration.setWrapUncheckedExceptions(true);
    configuration.setFallbackOnNullLoopVariable(false);
    return configuration;
  }

  /**
   * A wrapper that knows maps, lists, strings and numbers ({@link TemplateData}) and refuses every
   * other Java object instead of exposing it as a bean.
   */
  private static SimpleObjectWrapper objectWrapper() {
    SimpleObjectWrapper wrapper = new SimpleObjectWrapper(VERSION);
    wrapper.setExposureLevel(BeansWrapper.EXPOSE_PROPERTIES_ONLY);
    wrapper.setExposeFields(false);
    wrapper.writeProtect();
    return wrapper;
  }
}
