package io.shoal.observability.logging;

import java.util.List;

/**
 * The names Shoal gives to what a log line is about, in one place. They are SLF4J MDC keys (set with
 * {@link MdcScope}, or by Pekko's {@code Behaviors.withMdc} inside a pen entity) and so the field names of the JSON
 * log lines that operators search by: all lines of one pen, one frame's way through the node, one HTTP request.
 */
public final class LogKeys {

  /** The HTTP request's id: the client's {@code X-Request-Id} when plausible, else a generated UUID. */
  public static final String REQUEST_ID = "requestId";
  /** The net pen (its entity id and Kafka key). */
  public static final String PEN_ID = "penId";
  /** The camera frame (its {@code frame-id} header), unique per camera. */
  public static final String FRAME_ID = "frameId";
  /** The camera that captured the frame. */
  public static final String CAMERA_ID = "cameraId";
  /** Where the Kafka record being handled sits. */
  public static final String KAFKA_TOPIC = "kafkaTopic";
  public static final String KAFKA_PARTITION = "kafkaPartition";
  public static final String KAFKA_OFFSET = "kafkaOffset";

  /** Every MDC key above, in the order a reader wants them. */
  public static final List<String> MDC_KEYS =
      List.of(REQUEST_ID, PEN_ID, CAMERA_ID, FRAME_ID, KAFKA_TOPIC, KAFKA_PARTITION, KAFKA_OFFSET);

  /** Not MDC: fields of every JSON line of a node once it knows them ({@link NodeFieldsJsonProvider}). */
  public static final String NODE = "node";
  public static final String ROLES = "roles";

  private LogKeys() {}
}
