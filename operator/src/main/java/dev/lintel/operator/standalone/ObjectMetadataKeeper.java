package dev.lintel.operator.standalone;

import dev.lintel.operator.translate.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Gives objects read from files the metadata an API server would give them: {@code generation} 1 at
 * first load and one more at every spec change; {@code uid} and {@code creationTimestamp} taken
 * from the file or assigned once and kept across reloads (route precedence depends on them).
 * Objects that disappear are forgotten, so a re-created object starts over like a new one.
 */
final class ObjectMetadataKeeper {
  private record Kept(String uid, String creationTimestamp, long generation, String specJson) {}

  private final Map<ObjectRef, Kept> kept = new HashMap<>();
  private final Supplier<Instant> clock;

  ObjectMetadataKeeper(Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** Stamps metadata on every object of one load; forgets objects that are no longer loaded. */
  synchronized void stamp(Iterable<? extends HasMetadata> objects) {
    Map<ObjectRef, Kept> next = new HashMap<>();
    for (HasMetadata object : objects) {
      ObjectRef ref = ObjectRef.of(object);
      Kept stamped = stampOne(object, kept.get(ref));
      next.put(ref, stamped);
    }
    kept.clear();
    kept.putAll(next);
  }

  private Kept stampOne(HasMetadata object, Kept previous) {
    ObjectMeta meta = object.getMetadata();
    String specJson = specOf(object);
    String uid =
        meta.getUid() != null
            ? meta.getUid()
            : previous != null ? previous.uid() : UUID.randomUUID().toString();
    String created =
        meta.getCreationTimestamp() != null
            ? meta.getCreationTimestamp()
            : previous != null
                ? previous.creationTimestamp()
                : clock.get().truncatedTo(ChronoUnit.SECONDS).toString();
    long generation;
    if (previous == null) {
      generation = 1;
    } else if (Objects.equals(previous.specJson(), specJson)) {
      generation = previous.generation();
    } else {
      generation = previous.generation() + 1;
    }
    meta.setUid(uid);
    meta.setCreationTimestamp(created);
    meta.setGeneration(generation);
    return new Kept(uid, created, generation, specJson);
  }

  /**
   * The API server bumps generation on spec changes only; for kinds without a spec (EndpointSlice,
   * ConfigMap) any change to the content but metadata and status counts.
   */
  private static String specOf(HasMetadata object) {
    Map<String, Object> tree = Serialization.jsonMapper().convertValue(object, Map.class);
    if (tree.containsKey("spec")) {
      return Serialization.asJson(tree.get("spec"));
    }
    tree.remove("metadata");
    tree.remove("status");
    return Serialization.asJson(tree);
  }
}
