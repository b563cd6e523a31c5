package dev.lintel.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VirtualHostLayoutTest {
  private static final String HOST_A =
      "{\"name\":\"a\",\"hostnames\":[\"a\"],\"routes\":[{\"name\":\"}]\\\"{[\"}]}";
  private static final String HOST_B = "{ \"name\" : \"b\" , \"x\" : { \"y\" : [ 1, {} ] } }";
  private static final String HOST_C = "{\"name\":\"c\"}";

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String hostAt(String text, VirtualHostLayout layout, int i) {
    return text.substring(layout.starts[i], layout.ends[i]);
  }

  @Test
  void findsEveryVirtualHostOfEveryListenerWhateverTheFieldOrder() {
    String text =
        "{\"version\":1,\"other\":{\"virtualHosts\":[{\"not\":\"this\"}]},\"listeners\":[\n"
            + " {\"name\":\"l0\",\"virtualHosts\":[ "
            + HOST_A
            + " ,\n"
            + HOST_B
            + "],\"port\":1},\n"
            + " {\"virtualHosts\":[],\"name\":\"l1\"},\n"
            + " {\"virtualHosts\":["
            + HOST_C
            + "]}\n"
            + "],\"gateway\":\"g\"}\n";

    VirtualHostLayout layout = VirtualHostLayout.scan(ascii(text));

    assertThat(layout).isNotNull();
    assertThat(layout.size).isEqualTo(3);
    assertThat(hostAt(text, layout, 0)).isEqualTo(HOST_A);
    assertThat(hostAt(text, layout, 1)).isEqualTo(HOST_B);
    assertThat(hostAt(text, layout, 2)).isEqualTo(HOST_C);
    assertThat(layout.listeners).containsExactly(0, 0, 2);
  }

  @Test
  void givesUpOnWhatItDoesNotUnderstand() {
    String good = "{\"listeners\":[{\"virtualHosts\":[" + HOST_C + "]}]}";
    assertThat(VirtualHostLayout.scan(ascii(good))).isNotNull();
    for (String text :
        new String[] {
          good.replace("\"listeners\"", "\"\\u006cisteners\""),
          good.replace("[" + HOST_C, "[1," + HOST_C),
          good.replace("[{\"virtualHosts", "[1,{\"virtualHosts"),
          good + "}",
          good.substring(0, good.length() - 1),
          good.replace(HOST_C + "]", HOST_C + " " + HOST_C + "]"),
          "[" + good + "]",
          "",
        }) {
      assertThat(VirtualHostLayout.scan(ascii(text))).as(text).isNull();
    }
  }

  @Test
  void skipsTheHostsOfTheCommonPrefixAndSuffixAndFindsTheSameRanges() {
    String before =
        "{\"listeners\":[{\"virtualHosts\":[" + HOST_A + "," + HOST_B + "," + HOST_C + "]}]}";
    String after =
        "{\"listeners\":[{\"virtualHosts\":["
            + HOST_A
            + ","
            + HOST_B.replace("\"b\"", "\"b2\"")
            + ",{\"name\":\"new\"},"
            + HOST_C
            + "]},{\"virtualHosts\":["
            + HOST_C
            + "]}]}";
    VirtualHostLayout old = VirtualHostLayout.scan(ascii(before));

    VirtualHostLayout layout = VirtualHostLayout.scan(ascii(after), ascii(before), old);
    VirtualHostLayout fresh = VirtualHostLayout.scan(ascii(after));

    assertThat(layout.starts).containsExactly(fresh.starts);
    assertThat(layout.ends).containsExactly(fresh.ends);
    assertThat(layout.listeners).containsExactly(0, 0, 0, 0, 1);
    // A in the common prefix; the last C in the common suffix, moved by the insertions.
    assertThat(layout.previous).containsExactly(0, -1, -1, -1, 2);
    assertThat(fresh.previous).containsOnly(-1);
  }

  @Test
  void commonSuffixComparesEveryByte() {
    for (int length = 0; length < 30; length++) {
      for (int at = 0; at < length; at++) {
        byte[] a = new byte[length];
        byte[] b = new byte[length + 3];
        java.util.Arrays.fill(a, (byte) 'x');
        java.util.Arrays.fill(b, (byte) 'x');
        assertThat(VirtualHostLayout.commonSuffix(a, b, length)).isEqualTo(length);
        a[at] = 'y';
        assertThat(VirtualHostLayout.commonSuffix(a, b, length)).isEqualTo(length - at - 1);
        assertThat(VirtualHostLayout.commonSuffix(a, b, length / 2))
            .isEqualTo(Math.min(length / 2, length - at - 1));
      }
    }
  }

  @Test
  void equalBytesHashEqually() {
    byte[] one = ascii("xx" + HOST_A + "yy");
    byte[] two = ascii("zzzzz" + HOST_A);
    assertThat(VirtualHostLayout.hash(one, 2, 2 + HOST_A.length()))
        .isEqualTo(VirtualHostLayout.hash(two, 5, 5 + HOST_A.length()));
    assertThat(VirtualHostLayout.hash(one, 2, 2 + HOST_A.length()))
        .isNotEqualTo(VirtualHostLayout.hash(one, 2, 1 + HOST_A.length()));
  }
}
