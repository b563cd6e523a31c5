package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scans the shipped {@code *.ftl} files for constructs that would evaluate text as a template,
 * reach Java, or skip escaping. The configuration already refuses most of them; this keeps them out
 * of the source even where a setting might later change.
 */
class TemplateSourceTest {
  private static final Path TEMPLATES =
      Path.of(System.getProperty("user.dir"), "src/main/resources/dev/lintel/templates");

  private static final List<String> BANNED =
      List.of(
          "?eval",
          "?interpret",
          "?api",
          "?new",
          "?no_esc",
          "noautoesc",
          "auto_esc",
          "outputformat",
          "output_format",
          "[#");

  private static final Pattern FTL_COMMENT = Pattern.compile("<#--.*?-->", Pattern.DOTALL);

  @Test
  void shippedTemplatesHaveNoBannedConstructs() throws IOException {
    List<Path> files = templates();
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("proxy-config.ftl");
    for (Path file : files) {
      assertThat(violations(Files.readString(file, StandardCharsets.UTF_8)))
          .as(file.getFileName().toString())
          .isEmpty();
    }
  }

  @Test
  void scannerFindsEachBannedConstruct() {
    assertThat(violations("${x?eval}")).hasSize(1);
    assertThat(violations("<#assign t = s?interpret>")).hasSize(1);
    assertThat(violations("${x?api.class}")).hasSize(1);
    assertThat(violations("${x?no_esc}")).hasSize(1);
    assertThat(violations("<#noautoesc>${x}</#noautoesc>")).hasSize(1);
    assertThat(violations("<#-- gateway ${config.gateway} -->")).hasSize(1);
    assertThat(violations("<#--\n #{x} \n-->")).hasSize(1);
    assertThat(violations("<#-- a comment -->\nkey: ${x}")).isEmpty();
  }

  /** Banned words anywhere, and interpolations inside FTL comments (user data never goes there). */
  static List<String> violations(String source) {
    List<String> found = new ArrayList<>();
    for (String banned : BANNED) {
      if (source.contains(banned)) {
        found.add("contains " + banned);
      }
    }
    Matcher comment = FTL_COMMENT.matcher(source);
    while (comment.find()) {
      String text = comment.group();
      if (text.contains("${") || text.contains("#{")) {
        found.add("interpolation in comment: " + text);
      }
    }
    return found;
  }

  private static List<Path> templates() throws IOException {
    try (Stream<Path> walk = Files.walk(TEMPLATES)) {
      return walk.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
    }
  }
}
