package dev.lintel.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTreesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void liveObjectWithServerDefaultsContainsTheDesiredOne() throws Exception {
    JsonNode live =
        json(
            "{'spec':{'clusterIP':'10.0.0.1','ports':[{'port':80,'nodePort':31000}],'type':'LoadBalancer'}}");
    JsonNode desired = json("{'spec':{'ports':[{'port':80}],'type':'LoadBalancer'}}");
    assertThat(JsonTrees.contains(live, desired)).isTrue();
  }

  @Test
  void differentValueMissingFieldOrOtherListLengthIsNotContained() throws Exception {
    JsonNode live = json("{'spec':{'ports':[{'port':80}],'type':'ClusterIP'}}");
    assertThat(JsonTrees.contains(live, json("{'spec':{'type':'LoadBalancer'}}"))).isFalse();
    assertThat(JsonTrees.contains(live, json("{'spec':{'selector':{'a':'b'}}}"))).isFalse();
    assertThat(JsonTrees.contains(live, json("{'spec':{'ports':[{'port':80},{'port':443}]}}")))
        .isFalse();
  }

  @Test
  void overlayKeepsServerFieldsAndReplacesOurs() throws Exception {
    JsonNode live =
        json(
            "{'spec':{'clusterIP':'10.0.0.1','ports':[{'port':80,'nodePort':31000}],'type':'ClusterIP'}}");
    JsonNode desired = json("{'spec':{'ports':[{'port':8080}],'type':'LoadBalancer'}}");
    JsonNode merged = JsonTrees.overlay(live.deepCopy(), desired);
    assertThat(merged)
        .isEqualTo(
            json(
                "{'spec':{'clusterIP':'10.0.0.1','ports':[{'port':8080,'nodePort':31000}],'type':'LoadBalancer'}}"));
    assertThat(JsonTrees.contains(merged, desired)).isTrue();
  }

  @Test
  void overlayReplacesAListOfAnotherLength() throws Exception {
    JsonNode live = json("{'ports':[{'port':80,'nodePort':31000}]}");
    JsonNode desired = json("{'ports':[{'port':80},{'port':443}]}");
    assertThat(JsonTrees.overlay(live.deepCopy(), desired)).isEqualTo(desired);
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}
