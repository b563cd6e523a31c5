package dev.lintel.templates;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link ProxyConfig} into the config text the proxy reads, and publishes nothing that
 * does not read back as the same model (the round-trip gate). Thread-safe; build one and share it:
 * the Freemarker configuration and its template cache live as long as the renderer.
 */
public final class ConfigRenderer {
  static final String TEMPLATE = "proxy-config.ftl";

  private final Configuration freemarker = HardenedConfiguration.create();
  private final ConfigParser parser = new ConfigParser();
  private final String templateName;

  public ConfigRenderer() {
    this(TEMPLATE);
  }

  /** Renders another template of the same folder: tests prove the gate with broken ones. */
  ConfigRenderer(String templateName) {
    this.templateName = templateName;
  }

  /**
   * Renders {@code config} and proves the text by parsing it back.
   *
   * @throws RenderException when the template fails or the text does not read back as {@code
   *     config}; the message names the first differing path
   */
  public String render(ProxyConfig config) throws RenderException {
    String text;
    try {
      text = renderText(config);
    } catch (TemplateException e) {
      // Without the FTL stack: the message goes to status and logs; the cause keeps the details.
      throw new RenderException(
          "template " + templateName + " failed: " + e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new RenderException("template " + templateName + " cannot be loaded: " + e, e);
    } catch (IllegalArgumentException e) {
      // TemplateData met a schema type the templates have no rendering for yet.
      throw new RenderException(e.getMessage(), e);
    }
    ProxyConfig readBack;
    try {
      readBack = parser.read(text);
    } catch (ConfigException e) {
      throw new RenderException("rendered config does not parse: " + e.getMessage(), e);
    }
    Optional<String> difference = ModelDiff.firstDifference(config, readBack);
    if (difference.isPresent()) {
      throw new RenderException("rendered config differs from the model at " + difference.get());
    }
    return text;
  }

  /** Renders without the gate, so tests can look at what the gate would see. */
  String renderUnchecked(ProxyConfig config) {
    try {
      return renderText(config);
    } catch (TemplateException | IOException e) {
      throw new IllegalStateException("template " + templateName + " failed", e);
    }
  }

  private String renderText(ProxyConfig config) throws TemplateException, IOException {
    Template template = freemarker.getTemplate(templateName);
    StringWriter out = new StringWriter(4096);
    template.process(Map.of("config", TemplateData.of(config)), out);
    return out.toString();
  }
}
