package dev.lintel.operator.standalone;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import dev.lintel.operator.manifests.ManifestError;
import dev.lintel.operator.manifests.SnapshotAssembler;
import dev.lintel.operator.translate.CaBundles;
import dev.lintel.operator.translate.ConditionTimes;
import dev.lintel.operator.translate.GatewayTranslator;
import dev.lintel.operator.translate.ListenerSetParents;
import dev.lintel.operator.translate.LiveState;
import dev.lintel.operator.translate.LiveStatus;
import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.operator.translate.Snapshot;
import dev.lintel.operator.translate.SupportedVersion;
import dev.lintel.operator.translate.TlsSecrets;
import dev.lintel.operator.translate.Translation;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.templates.ConfigRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One standalone instance: reads the manifest directory, translates it exactly as the operator
 * would, renders each Gateway's config through the same templates and round-trip gate, serves it
 * with an in-process proxy per Gateway, and keeps the resulting status of every object for the
 * admin server.
 */
public final class StandaloneRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneRuntime.class);

  private final StandaloneOptions options;
  private final ManifestDirectory directory;
  private final ObjectMetadataKeeper metadataKeeper;
  private final Supplier<Instant> clock;
  private final GatewayAddressAssigner addresses;
  private final GatewayTranslator translator = new GatewayTranslator();
  private final ConfigRenderer renderer = new ConfigRenderer();
  private final ConfigParser parser = new ConfigParser();
  private final GatewayProxies proxies;
  private final Counter manifestErrors;
  private final Counter reloads;
  private DirectoryWatcher watcher;

  private volatile View view = new View(List.of(), Map.of(), List.of(), false);
  private final Map<ObjectRef, Object> previousStatuses = new HashMap<>();

  /** What the admin server shows; replaced whole after every load. */
  public record View(
      List<Map<String, Object>> objects,
      Map<String, String> configs,
      List<ManifestError> errors,
      boolean ready) {}

  public StandaloneRuntime(StandaloneOptions options, MeterRegistry meterRegistry) {
    this(options, meterRegistry, Instant::now);
  }

  StandaloneRuntime(
      StandaloneOptions options, MeterRegistry meterRegistry, Supplier<Instant> clock) {
    this.options = options;
    this.clock = clock;
    this.directory = new ManifestDirectory(options.manifests());
    this.metadataKeeper = new ObjectMetadataKeeper(clock);
    this.addresses = new GatewayAddressAssigner(options.addressPool());
    this.proxies = new GatewayProxies(options.portOffset(), meterRegistry);
    this.manifestErrors = meterRegistry.counter("lintel.standalone.manifest.errors");
    this.reloads = meterRegistry.counter("lintel.standalone.reloads");
  }

  /** Loads the directory once and then follows its changes. */
  public void start() throws IOException {
    reload();
    watcher = new DirectoryWatcher(options.manifests(), this::reloadQuietly);
    watcher.start();
  }

  public View view() {
    return view;
  }

  /** The port a Gateway listener is actually served on (after offset; ephemeral when 0). */
  public Optional<Integer> boundPort(String namespace, String gateway, int listenerPort) {
    return Optional.ofNullable(
        proxies.boundPorts(new ObjectRef("Gateway", namespace, gateway)).get(listenerPort));
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "reloading {} failed; still serving the previous state: {}",
          options.manifests(),
          e.toString());
    }
  }

  synchronized void reload() throws IOException {
    reloads.increment();
    ManifestDirectory.Contents contents = directory.read();
    for (ManifestError error : contents.errors()) {
      manifestErrors.increment();
      LOG.warn("manifest {}: {}", error.source(), error.reason());
    }
    List<HasMetadata> objects = contents.objects();
    metadataKeeper.stamp(objects);
    Snapshot snapshot = SnapshotAssembler.assemble(objects);
    Translation translation = translator.translate(snapshot);
    List<Secret> secrets = snapshot.secrets();
    List<ConfigMap> configMaps = snapshot.configMaps();
    Map<ObjectRef, Gateway> gateways = new HashMap<>();
    snapshot.gateways().forEach(gateway -> gateways.put(ObjectRef.of(gateway), gateway));
    Map<String, String> configs = new TreeMap<>();
    Map<ObjectRef, Object> statuses = new HashMap<>();
    statuses.putAll(SupportedVersion.fromManifests(translation.gatewayClasses(), objects));
    statuses.putAll(translation.httpRoutes());
    statuses.putAll(translation.backendTlsPolicies());
    statuses.putAll(translation.tlsRoutes());
    statuses.putAll(translation.grpcRoutes());
    boolean allProgrammed = true;
    Map<ObjectRef, LiveState> lives = new HashMap<>();
    for (Map.Entry<ObjectRef, GatewayStatus> entry : translation.gateways().entrySet()) {
      ObjectRef ref = entry.getKey();
      Gateway gateway = gateways.get(ref);
      // Live state is decided in this load, from this load's Gateway: its conditions carry the
      // generation of the spec they describe, never the one of the load before.
      LiveState live =
          serve(ref, gateway, translation.configs().get(ref), secrets, configMaps, configs);
      lives.put(ref, live);
      allProgrammed &= live.programmed();
      statuses.put(ref, LiveStatus.apply(entry.getValue(), gateway, live));
    }
    for (ListenerSet set : snapshot.listenerSets()) {
      ObjectRef ref = ObjectRef.of(set);
      ListenerSetStatus translated = translation.listenerSets().get(ref);
      LiveState live = ListenerSetParents.parentOf(set).map(lives::get).orElse(null);
      if (translated != null && live != null) {
        statuses.put(ref, LiveStatus.apply(translated, set, live));
      }
    }
    proxies.retainOnly(translation.configs().keySet());
    gateways.keySet().stream()
        .filter(ref -> !translation.configs().containsKey(ref))
        .forEach(addresses::release);

    view =
        new View(
            describe(objects, statuses), configs, List.copyOf(contents.errors()), allProgrammed);
  }

  /** Renders, gates and applies one Gateway's config; says whether its proxy now serves it. */
  private LiveState serve(
      ObjectRef ref,
      Gateway gateway,
      ProxyConfig config,
      List<Secret> secrets,
      List<ConfigMap> configMaps,
      Map<String, String> configs) {
    if (config == null) {
      // Rejected as a whole: nothing is served, so no address is taken either.
      return new LiveState(false, "the Gateway has no config", List.of());
    }
    Optional<GatewayAddressAssigner.Assignment> assignment = addresses.assign(ref, gateway);
    if (assignment.isEmpty()) {
      return new LiveState(
          false, "no free address in --address-pool " + addresses.poolRange(), List.of());
    }
    if (!assignment.get().usable()) {
      // Serving on the previous address would contradict the spec: the proxy stops.
      proxies.stop(ref);
      LOG.warn("Gateway {}: not served: {}", ref, assignment.get().problem());
      return LiveState.addressNotUsable(assignment.get().problem(), List.of());
    }
    String address = assignment.get().address();
    try {
      String text = renderer.render(config);
      configs.put(ref.namespace() + "/" + ref.name(), text);
      ProxyConfig served = parser.parse(text);
      proxies.apply(
          ref,
          address,
          served,
          TlsSecrets.forConfig(served, secrets),
          CaBundles.forConfig(served, configMaps));
      return new LiveState(true, "serving on " + address, List.of(address));
    } catch (Exception e) {
      LOG.error("Gateway {}: config not applied, previous config kept: {}", ref, e.getMessage());
      return new LiveState(false, "config not applied: " + e.getMessage(), List.of(address));
    }
  }

  /** The /status view: every loaded object with its status, condition times kept across loads. */
  private List<Map<String, Object>> describe(
      List<HasMetadata> objects, Map<ObjectRef, Object> statuses) {
    String now = clock.get().truncatedTo(ChronoUnit.SECONDS).toString();
    List<Map<String, Object>> result = new ArrayList<>();
    Map<ObjectRef, Object> stamped = new HashMap<>();
    for (HasMetadata object : objects) {
      ObjectRef ref = ObjectRef.of(object);
      Object status = statuses.get(ref);
      if (status != null) {
        status = stampTimes(status, previousStatuses.get(ref), now);
        stamped.put(ref, status);
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("namespace", object.getMetadata().getNamespace());
      metadata.put("name", object.getMetadata().getName());
      metadata.put("generation", object.getMetadata().getGeneration());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("apiVersion", object.getApiVersion());
      entry.put("kind", object.getKind());
      entry.put("metadata", metadata);
      entry.put("status", status == null ? null : toTree(status));
      result.add(entry);
    }
    previousStatuses.clear();
    previousStatuses.putAll(stamped);
    return result;
  }

  /** Keeps each condition's lastTransitionTime while its status holds, as the operator does. */
  private static Object stampTimes(Object status, Object previous, String now) {
    if (status instanceof GatewayClassStatus fresh) {
      return ConditionTimes.stamp(fresh, (GatewayClassStatus) previous, now);
    }
    if (status instanceof GatewayStatus fresh) {
      return ConditionTimes.stamp(fresh, (GatewayStatus) previous, now);
    }
    if (status instanceof ListenerSetStatus fresh) {
      return ConditionTimes.stamp(fresh, (ListenerSetStatus) previous, now);
    }
    if (status instanceof HTTPRouteStatus fresh) {
      return ConditionTimes.stamp(fresh, (HTTPRouteStatus) previous, now);
    }
    if (status instanceof PolicyStatus fresh) {
      return ConditionTimes.stamp(fresh, (PolicyStatus) previous, now);
    }
    if (status instanceof RouteStatus fresh) {
      return ConditionTimes.stamp(fresh, (RouteStatus) previous, now);
    }
    if (status instanceof GRPCRouteStatus fresh) {
      return ConditionTimes.stamp(fresh, (GRPCRouteStatus) previous, now);
    }
    throw new IllegalArgumentException("no condition times for " + status.getClass());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toTree(Object status) {
    return Serialization.jsonMapper().convertValue(status, Map.class);
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.close();
    }
    proxies.close();
  }
}
