package io.shoal.observability.metrics;

/**
 * Every Shoal metric name, in Kamon's dotted form, in one place. The Prometheus reporter derives the exported name:
 * dots and dashes become underscores, counters get {@code _total}, time histograms and gauges are exported in seconds
 * with {@code _seconds} (histograms as {@code _seconds_bucket/_sum/_count}), other histograms as
 * {@code _bucket/_sum/_count}. Dashboards and alert rules under {@code observability/} use the exported names; a test
 * scrapes a running node and checks that each one they reference is exported. Tag keys are in {@link MetricTags}.
 */
public final class MetricNames {

  private MetricNames() {}

  // --- Kafka ingestion (ingest role) ---

  /** Counter: records read from the frames topic, valid or not (a redelivery after a restart counts again). */
  public static final String INGEST_RECORDS_CONSUMED = "shoal.ingest.records.consumed";
  /** Counter: frames whose outcome a pen persisted now. */
  public static final String INGEST_FRAMES_ACCEPTED = "shoal.ingest.frames.accepted";
  /** Counter: frames a pen had already persisted (redelivered); committed, not counted twice. */
  public static final String INGEST_FRAMES_DUPLICATE = "shoal.ingest.frames.duplicate";
  /** Counter: "not now" answers from a pen (inference saturated); the frame is retried after a backoff. */
  public static final String INGEST_FRAMES_DEFERRED = "shoal.ingest.frames.deferred";
  /** Counter, tagged {@link MetricTags#REASON}: frames refused (malformed record, undecodable image, ...). */
  public static final String INGEST_FRAMES_REJECTED = "shoal.ingest.frames.rejected";
  /** Counter, tagged {@link MetricTags#REASON}: records written to the dead-letter topic. */
  public static final String INGEST_DEAD_LETTERED = "shoal.ingest.dead-lettered";
  /** Counter: deliveries to a pen that failed without an answer (timeout, pen unreachable). */
  public static final String INGEST_DELIVERY_FAILURES = "shoal.ingest.delivery.failures";
  /** Counter: deliveries after the first of a frame. */
  public static final String INGEST_DELIVERY_RETRIES = "shoal.ingest.delivery.retries";
  /** Counter: consumer stream restarts from the last committed offsets. */
  public static final String INGEST_STREAM_RESTARTS = "shoal.ingest.stream.restarts";
  /** Gauge: deliveries handed to pens and not answered yet. */
  public static final String INGEST_DELIVERIES_IN_FLIGHT = "shoal.ingest.deliveries.in-flight";
  /** Gauge, tagged {@link MetricTags#TOPIC} and {@link MetricTags#PARTITION}: records behind the log end. */
  public static final String KAFKA_CONSUMER_LAG = "shoal.kafka.consumer.lag";

  // --- Inference (inference role) ---

  /** Time histogram: a request's image decoded and preprocessed (arrival at a worker to ready for a batch). */
  public static final String INFERENCE_PREPROCESS_TIME = "shoal.inference.preprocess-time";
  /** Time histogram: a request ready for a batch (preprocessed) to the start of the batch that carries it. */
  public static final String INFERENCE_QUEUE_TIME = "shoal.inference.queue-time";
  /** Time histogram: one model call for a whole batch. */
  public static final String INFERENCE_COMPUTE_TIME = "shoal.inference.compute-time";
  /** Histogram: images per model call. */
  public static final String INFERENCE_BATCH_SIZE = "shoal.inference.batch-size";
  /** Gauge: requests waiting in the workers' queues on this node. */
  public static final String INFERENCE_QUEUE_DEPTH = "shoal.inference.queue-depth";
  /** Counter: requests answered Overloaded (queue full). */
  public static final String INFERENCE_OVERLOADED = "shoal.inference.requests.overloaded";
  /** Counter: requests answered Expired (deadline passed before a batch ran). */
  public static final String INFERENCE_EXPIRED = "shoal.inference.requests.expired";
  /** Counter: requests whose image the preprocessor refused. */
  public static final String INFERENCE_REJECTED = "shoal.inference.requests.rejected";
  /** Counter: batches the model failed on. */
  public static final String INFERENCE_BATCHES_FAILED = "shoal.inference.batches.failed";
  /**
   * Gauge, tagged {@link MetricTags#MODEL} and {@link MetricTags#DEVICE}: 1 while the model is loaded and serving, 0
   * after a batch failed in the model (until one succeeds) or once it closed.
   */
  public static final String INFERENCE_MODEL_LOADED = "shoal.inference.model.loaded";

  // --- Pens (ingest role hosts them) and the read side ---

  /** Gauge: pen entities alive on this node. */
  public static final String PENS_LIVE = "shoal.pens.live";
  /** Counter, tagged {@link MetricTags#EVENT}: events the pens on this node persisted. */
  public static final String PEN_EVENTS_PERSISTED = "shoal.pen.events.persisted";
  /** Gauge, tagged {@link MetricTags#HEALTH}: pens per health status, from the read model (api role). */
  public static final String PENS_BY_HEALTH = "shoal.pens.by-health";
  /** Gauge, tagged {@link MetricTags#SEVERITY}: open alerts, from the read model (api role). */
  public static final String ALERTS_OPEN = "shoal.alerts.open";
  /** Time gauge, tagged {@link MetricTags#PROJECTION}: age of the last event a projection handled when it did. */
  public static final String PROJECTION_LAG = "shoal.projection.lag";
  /** Counter, tagged {@link MetricTags#PROJECTION}: events handled by a projection. */
  public static final String PROJECTION_EVENTS = "shoal.projection.events";

  // --- HTTP and SSE (api role) ---

  /** Counter, tagged route, method, status: HTTP requests answered. */
  public static final String HTTP_REQUESTS = "shoal.http.requests";
  /** Time histogram, tagged route, method, status: from request received to response started. */
  public static final String HTTP_REQUEST_DURATION = "shoal.http.request.duration";
  /** Gauge: Server-Sent Events subscribers connected to this node. */
  public static final String SSE_SUBSCRIBERS = "shoal.sse.subscribers";
  /** Counter: subscriptions refused because this node's subscriber capacity was reached. */
  public static final String SSE_SUBSCRIBERS_REFUSED = "shoal.sse.subscribers.refused";

  // --- Cluster ---

  /** Gauge, tagged {@link MetricTags#MEMBER_STATUS}: cluster members as this node sees them. */
  public static final String CLUSTER_MEMBERS = "shoal.cluster.members";
  /** Gauge: members this node's failure detector marks unreachable. */
  public static final String CLUSTER_UNREACHABLE = "shoal.cluster.unreachable";
}
