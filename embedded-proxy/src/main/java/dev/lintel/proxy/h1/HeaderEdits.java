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

  /** The lines of {@link #appended} as name and value, for {@link #followedBy}. */
  private final List<String[]> appendedFields;

  private HeaderEdits(List<String> dropped, List<String[]> appendedFields) {
    this.dropped = dropped.toArray(String[]::new);
    this.appendedFields = List.copyOf(appendedFields);
    this.appended = new byte[appendedFields.size()][];
    for (int i = 0; i < appended.length; i++) {
      String[] field = appendedFields.get(i);
      appended[i] = (field[0] + ": " + field[1] + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * These edits, then {@code later}'s: its removals also drop lines these edits append. Lets a
   * change that depends on the request (CORS headers echo the request's origin) go after the
   * route's and backend's header filters, which are built once per config.
   */
  public HeaderEdits followedBy(HeaderEdits later) {
    if (later.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return later;
    }
    Builder builder = new Builder();
    for (String name : dropped) {
      builder.remove(name);
    }
    for (String[] field : appendedFields) {
      builder.add(field[0], field[1]);
    }
    for (String name : later.dropped) {
      builder.remove(name);
    }
    for (String[] field : later.appendedFields) {
      builder.add(field[0], field[1]);
    }
    return builder.build();
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
      return new HeaderEdits(List.copyOf(dropped), appended);
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
