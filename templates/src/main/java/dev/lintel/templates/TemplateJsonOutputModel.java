package dev.lintel.templates;

import freemarker.core.CommonTemplateMarkupOutputModel;

/**
 * A piece of JSON text (already quoted or trusted) held by Freemarker for {@link JsonOutputFormat}.
 */
final class TemplateJsonOutputModel
    extends CommonTemplateMarkupOutputModel<TemplateJsonOutputModel> {
  TemplateJsonOutputModel(String plainTextContent, String markupContent) {
    super(plainTextContent, markupContent);
  }

  @Override
  public JsonOutputFormat getOutputFormat() {
    return JsonOutputFormat.INSTANCE;
  }
}
