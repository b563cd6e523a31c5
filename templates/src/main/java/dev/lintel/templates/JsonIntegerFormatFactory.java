package dev.lintel.templates;

import freemarker.core.Environment;
import freemarker.core.InvalidFormatParametersException;
import freemarker.core.TemplateNumberFormat;
import freemarker.core.TemplateNumberFormatFactory;
import freemarker.core.UnformattableValueException;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The only number format of the renderer: integers as plain JSON numbers ({@code -2147483648},
 * {@code 8080}), with no locale grouping or decimal point.
 *
 * <p>Why not {@code ?c}: {@code ?c} yields a string, and the JSON output format would quote it as
 * {@code "8080"}, which the strict parser rejects for an int field. This format returns the digits
 * as JSON markup instead, which is safe because the text can only be an optional {@code -} and
 * digits (a number JSON and YAML read alike). Anything that is not an integer (a double, a
 * BigDecimal) is a template bug and fails the render rather than being rounded.
 */
final class JsonIntegerFormatFactory extends TemplateNumberFormatFactory {
  /** Registered under this name; the configuration's number format is {@code "@" + NAME}. */
  static final String NAME = "jsonInteger";

  static final JsonIntegerFormatFactory INSTANCE = new JsonIntegerFormatFactory();

  private JsonIntegerFormatFactory() {}

  @Override
  public TemplateNumberFormat get(String params, Locale locale, Environment env)
      throws InvalidFormatParametersException {
    if (!params.isEmpty()) {
      throw new InvalidFormatParametersException(NAME + " takes no parameters: " + params);
    }
    return JsonIntegerFormat.INSTANCE;
  }

  private static final class JsonIntegerFormat extends TemplateNumberFormat {
    static final JsonIntegerFormat INSTANCE = new JsonIntegerFormat();

    @Override
    public String formatToPlainText(TemplateNumberModel model)
        throws UnformattableValueException, TemplateModelException {
      Number number = model.getAsNumber();
      if (number instanceof Integer
          || number instanceof Long
          || number instanceof Short
          || number instanceof Byte
          || number instanceof BigInteger) {
        return number.toString();
      }
      throw new UnformattableValueException(
          "only integers can be rendered, got " + number.getClass().getSimpleName());
    }

    @Override
    public Object format(TemplateNumberModel model)
        throws UnformattableValueException, TemplateModelException {
      return JsonOutputFormat.INSTANCE.fromMarkup(formatToPlainText(model));
    }

    @Override
    public boolean isLocaleBound() {
      return false;
    }

    @Override
    public String getDescription() {
      return NAME;
    }
  }
}
