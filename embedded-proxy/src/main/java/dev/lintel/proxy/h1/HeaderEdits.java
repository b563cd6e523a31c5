package dev.lintel.proxy.h1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Header changes applied while a head is forwarded: fields with the dropped names are left out, the
 * appended lines are written after the copied ones. Built once per config (the Gateway API's
 * remove/set/add of a route and of a backend fold into one of these), applied per message with no
 * allocation: names are compared against the received bytes.
 */
public final class HeaderEdits {
  /** No change. */
  public static final HeaderEdits NONE = new HeaderEdits(List.of(), List.of());

  private final String[] dropped;
  private final byte[][] appended;

  private HeaderEdits(List<String> dropped, List<String> appendedLines) {
    this.dropped = dropped.toArray(String[]::new);
    this.appended = new byte[appendedLines.size()][];
    for (int i = 0; i < appended.length; i++) {
      appended[i] = appendedLines.get(i).getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** Collects edits in the order the Gateway API applies them. */
  public static final class Builder {
    private final Set<String> dropped = new LinkedHashSet<>();
    private final List<String[]> appended = new ArrayList<>();

    /** Drops every line of a header: received or appended by an earlier step. */
    public Builder remove(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      dropped.add(lower);
      appended.removeIf(line -> line[0].toLowerCase(Locale.ROOT).equals(lower));
      return this;
    }

    /** Replaces every line of a header with one. */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /** Adds one more line. */
    public Builder add(String name, String value) {
      appended.add(new String[] {name, value});
      return this;
    }

    public HeaderEdits build() {
      if (dropped.isEmpty() && appended.isEmpty()) {
        return NONE;
      }
      List<String> lines = new ArrayList<>(appended.size());
      for (String[] line : appended) {
        lines.add(line[0] + ": " + line[1] + "\r\n");
      }
      return new HeaderEdits(List.copyOf(dropped), lines);
    }
  }

  public boolean isEmpty() {
    return this == NONE;
  }

  /** Whether the field {@code i} of {@code fields} is dropped. */
  boolean drops(HeaderFields fields, int i) {
    for (String name : dropped) {
      if (Ascii.equalsIgnoreCase(fields.bytes(), fields.nameStart(i), fields.nameEnd(i), name)) {
        return true;
      }
    }
    return false;
  }

  /** Total bytes of the appended lines. */
  int appendedLength() {
    int length = 0;
    for (byte[] line : appended) {
      length += line.length;
    }
    return length;
  }

  byte[][] appendedLines() {
    return appended;
  }
}
