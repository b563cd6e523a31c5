package dev.lintel.templates;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the config records into the only kinds of data the templates may see: maps of record
 * component name to value, lists, strings, integers and enum names.
 *
 * <p>Why: templates then reach plain data and no Java object at all, so no object-wrapper setting
 * or member-access policy can ever expose a method. A record component that is null stays a null
 * map value, which a template sees as missing ({@code ??} is false). A type the schema does not use
 * today (a double, a map, an object that is not a record) fails loudly, so adding one to the schema
 * is a deliberate change here rather than an accident in the output. Booleans pass as they are:
 * templates write them through the {@code jsonBoolean} macro, which prints JSON {@code true} or
 * {@code false} as markup ({@code ${flag}} would print the quoted string {@code "true"}, which the
 * strict parser and so the round-trip gate refuse).
 */
final class TemplateData {
  private static final ClassValue<RecordComponent[]> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
          return type.getRecordComponents();
        }
      };

  private TemplateData() {}

  /** {@code record} as a map of its components, recursively converted. */
  static Map<String, Object> of(Record record) {
    RecordComponent[] components = COMPONENTS.get(record.getClass());
    Map<String, Object> map = new LinkedHashMap<>(components.length * 2);
    for (RecordComponent component : components) {
      map.put(component.getName(), convert(read(component, record)));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object convert(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Enum<?> constant) {
      // The parser reads enums by name; toString() could be overridden.
      return constant.name();
    }
    if (value instanceof Record record) {
      return of(record);
    }
    if (value instanceof List<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      for (Object item : list) {
        converted.add(convert(item));
      }
      return Collections.unmodifiableList(converted);
    }
    throw new IllegalArgumentException(
        "no template representation for " + value.getClass().getName() + " in the config model");
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
