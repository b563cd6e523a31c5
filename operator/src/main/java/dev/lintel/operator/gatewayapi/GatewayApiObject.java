package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * What Lintel's own Gateway API kinds share: {@code apiVersion}, {@code kind}, metadata, a spec and
 * a status, bound by Jackson like fabric8's model classes (unknown fields tolerated). Subclasses
 * carry the kind's {@code @Group}/{@code @Version}/{@code @Kind}/{@code @Plural} and bind their own
 * fields ({@code @JsonDeserialize(using = JsonDeserializer.None.class)}): {@link HasMetadata}'s
 * polymorphic deserializer knows only fabric8's kinds.
 *
 * @param <S> the spec
 * @param <T> the status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public abstract class GatewayApiObject<S, T> implements HasMetadata, Namespaced {
  private String apiVersion;
  private String kind;
  private ObjectMeta metadata;
  private S spec;
  private T status;

  protected GatewayApiObject(
      String apiVersion, String kind, ObjectMeta metadata, S spec, T status) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.metadata = metadata;
    this.spec = spec;
    this.status = status;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public S getSpec() {
    return spec;
  }

  public void setSpec(S spec) {
    this.spec = spec;
  }

  public T getStatus() {
    return status;
  }

  public void setStatus(T status) {
    this.status = status;
  }
}
