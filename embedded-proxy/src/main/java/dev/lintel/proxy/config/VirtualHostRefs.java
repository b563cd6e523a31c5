package dev.lintel.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The virtual hosts an incremental parse takes over from the previous config. In the skeleton text
 * that Jackson reads, each of them stands where its JSON object stood, as the integer {@code i}:
 * the {@link #module} resolves that integer to {@code hosts[i]}, but only at the byte offset where
 * the skeleton put it, so a number the config itself contains is never mistaken for one.
 */
final class VirtualHostRefs {
  private final VirtualHost[] hosts;
  private final long[] offsets;
  private final boolean[] resolved;
  private int unresolved;

  /**
   * @param hosts the virtual host each reference stands for
   * @param offsets the byte offset of each reference in the skeleton
   */
  VirtualHostRefs(VirtualHost[] hosts, long[] offsets) {
    this.hosts = hosts;
    this.offsets = offsets;
    this.resolved = new boolean[hosts.length];
    this.unresolved = hosts.length;
  }

  /**
   * True when every reference was read as a virtual host: otherwise the skeleton was not read the
   * way the scan expected, and its result must not be used.
   */
  boolean allResolved() {
    return unresolved == 0;
  }

  /** The virtual host the parser stands on, or null when it is not one of our references. */
  private VirtualHost resolve(JsonParser p) throws IOException {
    if (p.getNumberType() != JsonParser.NumberType.INT) {
      return null;
    }
    int i = p.getIntValue();
    if (i < 0
        || i >= hosts.length
        || resolved[i]
        || p.currentTokenLocation().getByteOffset() != offsets[i]) {
      return null;
    }
    resolved[i] = true;
    unresolved--;
    return hosts[i];
  }

  /**
   * Makes a mapper read a reference (see the class comment) where a {@link VirtualHost} is
   * expected, when a reader carries a {@code VirtualHostRefs} as its {@code VirtualHostRefs.class}
   * attribute; everything else is read by Jackson's own deserializer, with the mapper's rules.
   */
  static Module module() {
    return new SimpleModule("lintel-virtual-host-refs")
        .setDeserializerModifier(
            new BeanDeserializerModifier() {
              @Override
              public JsonDeserializer<?> modifyDeserializer(
                  DeserializationConfig config,
                  BeanDescription description,
                  JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == VirtualHost.class
                    ? new RefDeserializer(deserializer)
                    : deserializer;
              }
            });
  }

  /** Jackson's VirtualHost deserializer, plus references. */
  private static final class RefDeserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    RefDeserializer(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new RefDeserializer(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
          && context.getAttribute(VirtualHostRefs.class) instanceof VirtualHostRefs refs) {
        VirtualHost host = refs.resolve(p);
        if (host != null) {
          return host;
        }
      }
      return super.deserialize(p, context);
    }
  }
}
