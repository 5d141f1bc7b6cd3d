package io.shoal.protocol.pen;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.shoal.protocol.CborSerializable;
import io.shoal.protocol.inference.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Everything a pen entity understands, records in its journal and answers. The entity id is the pen id (the Kafka
 * key of the pen's frames). Type names are explicit so that renaming a class never breaks a journal or a reader.
 */
public final class PenProtocol {

  private PenProtocol() {}

  /** Sharding key of the pen entities. */
  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Pen");

  /**
   * The journal tag of every event of {@code penId} when pens are spread over {@code slices} tags: projections
   * run one instance per tag ({@link #tags(int)}), so they scale out without reading every pen's events.
   */
  public static String tag(String penId, int slices) {
    return "pens-" + Math.floorMod(penId.hashCode(), slices);
  }

  /** All tags for {@code slices} slices, {@code pens-0} to {@code pens-<slices-1>}. */
  public static List<String> tags(int slices) {
    return java.util.stream.IntStream.range(0, slices).mapToObj(slice -> "pens-" + slice).toList();
  }

  // ---------------------------------------------------------------------------------------------------- commands

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = ProcessFrame.class, name = "process-frame"),
      @JsonSubTypes.Type(value = AssessFrame.class, name = "assess-frame"),
      @JsonSubTypes.Type(value = GetHealth.class, name = "get-health"),
      @JsonSubTypes.Type(value = Configure.class, name = "configure"),
      @JsonSubTypes.Type(value = AcknowledgeAlert.class, name = "acknowledge-alert"),
      @JsonSubTypes.Type(value = CheckCameras.class, name = "check-cameras")})
  public sealed interface Command extends CborSerializable
      permits ProcessFrame, AssessFrame, GetHealth, Configure, AcknowledgeAlert, CheckCameras, Internal {}

  /**
   * Messages a pen entity sends itself (inference answers, timer ticks). They never cross the network, so they carry
   * no type name; the implementations live beside the entity.
   */
  public non-sealed interface Internal extends Command {}

  /** Where a frame came from in Kafka; the entity records it, the consumer commits it after the reply. */
  public record KafkaPosition(int partition, long offset) implements CborSerializable {}

  /**
   * Classify one camera frame with the inference actors and count it into the pen's health: the path of every frame
   * from Kafka or HTTP. Answered {@link FrameAccepted} only after its outcome is persisted (or at once, with
   * {@code duplicate = true}, when this camera's frame id was already persisted); {@link FrameDeferred} when
   * inference could not take it now (send it again later); {@link FrameRejected} when it can never be counted.
   *
   * @param image    the encoded image (JPEG or PNG)
   * @param position the record's Kafka position, or null when the frame did not come from Kafka
   */
  public record ProcessFrame(String frameId, String cameraId, Instant capturedAt, byte[] image,
      KafkaPosition position, ActorRef<FrameOutcome> replyTo) implements Command {
    public ProcessFrame {
      Objects.requireNonNull(frameId, "frameId");
      Objects.requireNonNull(cameraId, "cameraId");
      Objects.requireNonNull(capturedAt, "capturedAt");
      Objects.requireNonNull(image, "image");
    }

    @Override
    public String toString() {
      return "ProcessFrame[frameId=" + frameId + ", cameraId=" + cameraId + ", capturedAt=" + capturedAt + ", image="
          + image.length + " bytes, position=" + position + "]";
    }
  }

  /**
   * Count one already classified camera frame into the pen's health (tests, and frames classified elsewhere with the
   * same model). Answered {@link FrameAccepted} only after its outcome is persisted
   * (or at once, with {@code duplicate = true}, when this camera's frame id was already persisted).
   *
   * @param prediction what the model saw; {@link ProcessFrame} ends in the same persist path with the prediction
   *                   the inference actors gave
   * @param position   the record's Kafka position, or null when the frame did not come from Kafka
   */
  public record AssessFrame(String frameId, String cameraId, Instant capturedAt, Prediction prediction,
      KafkaPosition position, ActorRef<FrameOutcome> replyTo) implements Command {
    public AssessFrame {
      Objects.requireNonNull(frameId, "frameId");
      Objects.requireNonNull(cameraId, "cameraId");
      Objects.requireNonNull(capturedAt, "capturedAt");
      Objects.requireNonNull(prediction, "prediction");
    }
  }

  public record GetHealth(ActorRef<PenHealth> replyTo) implements Command {}

  /** Replace the pen's thresholds; {@code by} is the operator, kept in the journal. */
  public record Configure(PenThresholds thresholds, String by, ActorRef<Done> replyTo) implements Command {}

  public record AcknowledgeAlert(String alertId, String by, ActorRef<AcknowledgeOutcome> replyTo)
      implements Command {}

  /** Periodic liveness tick: cameras silent at {@code now} for longer than the configured time go offline. */
  public record CheckCameras(Instant now) implements Command {}

  // ------------------------------------------------------------------------------------------------------ events

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = FrameAssessed.class, name = "frame-assessed"),
      @JsonSubTypes.Type(value = HealthStatusChanged.class, name = "health-status-changed"),
      @JsonSubTypes.Type(value = AlertRaised.class, name = "alert-raised"),
      @JsonSubTypes.Type(value = AlertAcknowledged.class, name = "alert-acknowledged"),
      @JsonSubTypes.Type(value = AlertResolved.class, name = "alert-resolved"),
      @JsonSubTypes.Type(value = CameraWentOffline.class, name = "camera-went-offline"),
      @JsonSubTypes.Type(value = CameraCameBack.class, name = "camera-came-back"),
      @JsonSubTypes.Type(value = PenConfigured.class, name = "pen-configured")})
  public sealed interface Event extends CborSerializable
      permits FrameAssessed, HealthStatusChanged, AlertRaised, AlertAcknowledged, AlertResolved, CameraWentOffline,
      CameraCameBack, PenConfigured {}

  /**
   * One frame counted. Species and condition are the model's top labels; {@code condition} is null when no fish
   * was present. {@code partition}/{@code offset} are null for frames that did not come from Kafka.
   *
   * @param capturedAt the camera's time of the frame: places it in the health window
   * @param receivedAt the pen's clock when it counted the frame: camera liveness is judged on it, so a backlog in
   *                   Kafka (old capture times arriving now) never looks like silent cameras; null in events
   *                   journaled before it existed (capturedAt stands in)
   */
  public record FrameAssessed(String frameId, String cameraId, Instant capturedAt, String modelVersion,
      String species, float speciesProbability, String condition, Float conditionProbability, boolean fishPresent,
      Integer partition, Long offset, Instant receivedAt) implements Event {

    /** When the pen counted the frame (see {@code receivedAt}). */
    public Instant receivedOrCaptured() {
      return receivedAt != null ? receivedAt : capturedAt;
    }
  }

  public record HealthStatusChanged(HealthStatus from, HealthStatus to, List<String> reasons) implements Event {
    public HealthStatusChanged {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * @param subject the condition label for {@link AlertKind#CONDITION}, the camera id for
   *                {@link AlertKind#CAMERA_OFFLINE}
   */
  public record AlertRaised(String alertId, AlertKind kind, String subject, AlertSeverity severity, String reason,
      Instant at) implements Event {}

  public record AlertAcknowledged(String alertId, String by, Instant at) implements Event {}

  public record AlertResolved(String alertId, Instant at) implements Event {}

  public record CameraWentOffline(String cameraId, Instant at) implements Event {}

  public record CameraCameBack(String cameraId, Instant at) implements Event {}

  public record PenConfigured(PenThresholds thresholds, String by, Instant at) implements Event {}

  // ----------------------------------------------------------------------------------------------------- replies

  public enum AlertKind { CONDITION, CAMERA_OFFLINE }

  public enum AlertSeverity { WARNING, CRITICAL }

  /** Answer to {@link AssessFrame}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = FrameAccepted.class, name = "frame-accepted"),
      @JsonSubTypes.Type(value = FrameDeferred.class, name = "frame-deferred"),
      @JsonSubTypes.Type(value = FrameRejected.class, name = "frame-rejected")})
  public sealed interface FrameOutcome extends CborSerializable permits FrameAccepted, FrameDeferred, FrameRejected {
    String frameId();
  }

  /** The frame's outcome is in the journal; {@code duplicate} = it already was, nothing new was persisted. */
  public record FrameAccepted(String frameId, boolean duplicate) implements FrameOutcome {}

  /**
   * Nothing was persisted because inference could not take the frame now (its queues were full or it answered too
   * late); the caller sends the same frame again after a pause.
   */
  public record FrameDeferred(String frameId, String reason) implements FrameOutcome {}

  /**
   * The frame can never be counted; the caller dead-letters it.
   *
   * @param code   a stable code, one of the constants below (written to the dead-letter record)
   * @param reason a human-readable detail
   */
  public record FrameRejected(String frameId, String code, String reason) implements FrameOutcome {
    /** The pen already has as many cameras as it may track. */
    public static final String TOO_MANY_CAMERAS = "too-many-cameras";
    /** The model could not read the image (corrupt or truncated JPEG/PNG, oversized image). */
    public static final String UNDECODABLE_IMAGE = "undecodable-image";
  }

  /** Answer to {@link AcknowledgeAlert}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = Acknowledged.class, name = "acknowledged"),
      @JsonSubTypes.Type(value = UnknownAlert.class, name = "unknown-alert")})
  public sealed interface AcknowledgeOutcome extends CborSerializable permits Acknowledged, UnknownAlert {}

  /** The alert is (now, or already was) acknowledged; {@code by} is whoever acknowledged it first. */
  public record Acknowledged(String alertId, String by) implements AcknowledgeOutcome {}

  /** No open alert has this id (never raised, or already resolved). */
  public record UnknownAlert(String alertId) implements AcknowledgeOutcome {}

  /** Plain acknowledgement of a command that has nothing else to say. */
  public record Done() implements CborSerializable {}

  /** An alert that has not resolved yet. {@code acknowledgedBy}/{@code acknowledgedAt} are null until acknowledged. */
  public record OpenAlert(String alertId, AlertKind kind, String subject, AlertSeverity severity, String reason,
      Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt) implements CborSerializable {

    public OpenAlert acknowledged(String by, Instant at) {
      return new OpenAlert(alertId, kind, subject, severity, reason, raisedAt, by, at);
    }
  }

  /** A camera of the pen: when the pen last counted one of its frames and whether it is considered offline. */
  public record CameraView(String cameraId, Instant lastSeen, boolean offline) implements CborSerializable {}

  /**
   * A pen's health as the entity sees it now.
   *
   * @param reasons               one line per raised condition and per offline camera
   * @param speciesMix            share of each species among the window's fish frames
   * @param conditionPrevalence   share of each condition among the window's fish frames
   * @param windowFishFrames      fish frames in the window the shares are computed on
   * @param framesAssessed        every frame ever counted (with or without fish), duplicates excluded
   * @param thresholds            the thresholds in force
   */
  public record PenHealth(String penId, HealthStatus status, List<String> reasons, Map<String, Double> speciesMix,
      Map<String, Double> conditionPrevalence, int windowFishFrames, long framesAssessed, List<OpenAlert> openAlerts,
      List<CameraView> cameras, PenThresholds thresholds) implements CborSerializable {

    public PenHealth {
      reasons = List.copyOf(reasons);
      speciesMix = Map.copyOf(speciesMix);
      conditionPrevalence = Map.copyOf(conditionPrevalence);
      openAlerts = List.copyOf(openAlerts);
      cameras = List.copyOf(cameras);
    }
  }
}
