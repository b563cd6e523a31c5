package dev.lintel.proxy.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ConfigParser} for a config that changes a little at a time: it remembers the virtual
 * hosts of the last config it parsed, and in a new JSON text reads only the virtual hosts whose
 * bytes changed. The unchanged ones are taken over as they are (the same record instances, which
 * lets {@code RoutingCompiler} reuse their compiled tables by identity).
 *
 * <p>Why: a config change that adds one host to 10,000 used to parse, validate and allocate all
 * 10,000 again (a 3 MB text, tens of MB of garbage, full GCs in a 48 MB heap), which was most of
 * the time until the new host was served.
 *
 * <p>How: {@link VirtualHostLayout} finds each virtual host's byte range; a range whose bytes equal
 * one of the previous config's is replaced, in a skeleton copy of the text, by a reference that
 * {@link VirtualHostRefs} resolves; Jackson reads the skeleton with the strict rules of {@link
 * ConfigParser}, so everything outside the reused hosts is checked as always; validation skips only
 * the per-host checks the reused hosts already passed.
 *
 * <p>Results and errors are always those of {@link ConfigParser#parse(byte[])}: the incremental
 * path is taken only for ASCII JSON it fully understands, and on any failure the text is parsed
 * again the ordinary way, which produces the error (and keeps error messages and paths exactly as
 * they were). A failed parse leaves the memory of the last good config. Thread-safe.
 */
public final class IncrementalConfigParser {
  private static final Logger LOG = LoggerFactory.getLogger(IncrementalConfigParser.class);

  private final ConfigParser parser;

  /** The last good config's text, layout and virtual hosts (in layout order); null at first. */
  private Previous previous;

  private int reused;

  public IncrementalConfigParser(ConfigParser parser) {
    this.parser = parser;
  }

  /** A parsed text, its layout, and {@code hosts[i]}, the record of the layout's host i. */
  private record Previous(byte[] text, VirtualHostLayout layout, VirtualHost[] hosts) {}

  /** {@link ConfigParser#parse(String)}, incrementally when the text is ASCII. */
  public ProxyConfig parse(String text) throws ConfigException {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        // Encoding and decoding again would not be the identity for every string (lone
        // surrogates); such texts are rare enough to parse in full.
        return parser.parse(text);
      }
    }
    return parse(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@link ConfigParser#parse(byte[])}: the same result, or the same exception. */
  public synchronized ProxyConfig parse(byte[] utf8) throws ConfigException {
    VirtualHostLayout layout = null;
    if (utf8.length <= ConfigParser.MAX_CONFIG_CODE_POINTS
        && ConfigParser.isJson(utf8)
        && ConfigParser.isAscii(utf8)) {
      layout =
          previous == null
              ? VirtualHostLayout.scan(utf8)
              : VirtualHostLayout.scan(utf8, previous.text(), previous.layout());
    }
    ProxyConfig config = layout == null ? null : incremental(utf8, layout);
    if (config == null) {
      reused = 0;
      config = parser.parse(utf8);
    }
    previous = remember(utf8, layout, config);
    return config;
  }

  /** How many virtual hosts the last successful {@link #parse} took over from the one before. */
  synchronized int reusedHosts() {
    return reused;
  }

  /** The config read with the unchanged hosts taken over, or null to parse it in full. */
  private ProxyConfig incremental(byte[] utf8, VirtualHostLayout layout) {
    if (previous == null) {
      return null;
    }
    VirtualHost[] reuse = reusable(utf8, layout);
    int count = 0;
    int removed = 0;
    for (int i = 0; i < layout.size; i++) {
      if (reuse[i] != null) {
        count++;
        removed += layout.ends[i] - layout.starts[i];
      }
    }
    if (count == 0) {
      return null;
    }
    VirtualHost[] hosts = new VirtualHost[count];
    long[] offsets = new long[count];
    byte[] skeleton = new byte[utf8.length - removed + count * 10];
    int in = 0;
    int out = 0;
    int ref = 0;
    for (int i = 0; i < layout.size; i++) {
      if (reuse[i] == null) {
        continue;
      }
      int start = layout.starts[i];
      System.arraycopy(utf8, in, skeleton, out, start - in);
      out += start - in;
      hosts[ref] = reuse[i];
      offsets[ref] = out;
      out = writeDecimal(ref, skeleton, out);
      ref++;
      in = layout.ends[i];
    }
    System.arraycopy(utf8, in, skeleton, out, utf8.length - in);
    out += utf8.length - in;
    VirtualHostRefs refs = new VirtualHostRefs(hosts, offsets);
    try {
      ProxyConfig config = parser.readSkeleton(Arrays.copyOf(skeleton, out), refs);
      if (!refs.allResolved()) {
        LOG.debug("Incremental config parse: not every reused virtual host was read; full parse");
        return null;
      }
      Set<VirtualHost> valid = Collections.newSetFromMap(new IdentityHashMap<>(count * 2));
      valid.addAll(Arrays.asList(hosts));
      parser.validate(config, valid);
      reused = count;
      return config;
    } catch (ConfigException e) {
      // The full parse reports it, with exactly the message it always gave.
      LOG.debug("Incremental config parse failed ({}); full parse", e.getMessage());
      return null;
    }
  }

  /**
   * The previous record for each virtual host whose bytes are unchanged, else null: those the scan
   * found in the common prefix or suffix, and among the others (the changed middle of the text)
   * those whose bytes equal a previous host of that middle, which catches hosts that moved.
   */
  private VirtualHost[] reusable(byte[] utf8, VirtualHostLayout layout) {
    Previous before = previous;
    VirtualHost[] reuse = new VirtualHost[layout.size];
    boolean[] taken = new boolean[before.layout().size];
    boolean middle = false;
    for (int i = 0; i < layout.size; i++) {
      int k = layout.previous[i];
      if (k >= 0) {
        reuse[i] = before.hosts()[k];
        taken[k] = true;
      } else {
        middle = true;
      }
    }
    if (!middle) {
      return reuse;
    }
    Map<Long, Integer> byHash = new HashMap<>();
    for (int k = 0; k < taken.length; k++) {
      if (!taken[k]) {
        byHash.putIfAbsent(before.layout().hash(before.text(), k), k);
      }
    }
    for (int i = 0; i < layout.size; i++) {
      if (reuse[i] != null || byHash.isEmpty()) {
        continue;
      }
      Integer k = byHash.get(layout.hash(utf8, i));
      if (k != null
          && Arrays.equals(
              utf8,
              layout.starts[i],
              layout.ends[i],
              before.text(),
              before.layout().starts[k],
              before.layout().ends[k])) {
        reuse[i] = before.hosts()[k];
      }
    }
    return reuse;
  }

  private static int writeDecimal(int value, byte[] to, int at) {
    String digits = Integer.toString(value);
    for (int i = 0; i < digits.length(); i++) {
      to[at++] = (byte) digits.charAt(i);
    }
    return at;
  }

  /**
   * What the next parse compares with: the text just parsed, when the scan's layout lines up with
   * the parsed config (it does for every text the scan accepts; the check costs nothing and keeps a
   * scan bug from pairing bytes with the wrong host).
   */
  private static Previous remember(byte[] utf8, VirtualHostLayout layout, ProxyConfig config) {
    if (layout == null) {
      return null;
    }
    VirtualHost[] hosts = new VirtualHost[layout.size];
    int i = 0;
    List<Listener> listeners = config.listeners();
    for (int l = 0; l < listeners.size(); l++) {
      for (VirtualHost host : listeners.get(l).virtualHosts()) {
        if (i >= layout.size || layout.listeners[i] != l) {
          return null;
        }
        hosts[i++] = host;
      }
    }
    return i == layout.size ? new Previous(utf8, layout, hosts) : null;
  }
}
