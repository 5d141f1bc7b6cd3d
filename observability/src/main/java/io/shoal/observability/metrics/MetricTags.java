package io.shoal.observability.metrics;

/** Tag (Prometheus label) keys of the metrics in {@link MetricNames}; values are lower-case codes. */
public final class MetricTags {

  private MetricTags() {}

  /** Why a frame was rejected or dead-lettered, e.g. {@code undecodable-image}. */
  public static final String REASON = "reason";
  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  /** Model name from its manifest. */
  public static final String MODEL = "model";
  /** Where the model runs: {@code cpu} or {@code cuda}. */
  public static final String DEVICE = "device";
  /** Pen event type, e.g. {@code frame-assessed}. */
  public static final String EVENT = "event";
  /** Pen health status, lower case: {@code ok}, {@code warning}, {@code critical}, {@code unknown}. */
  public static final String HEALTH = "health";
  /** Alert severity, lower case. */
  public static final String SEVERITY = "severity";
  /** Projection name, e.g. {@code pen-read-model}. */
  public static final String PROJECTION = "projection";
  /** Route template, e.g. {@code /api/v1/pens/{penId}}; never a raw path (unbounded label values). */
  public static final String ROUTE = "route";
  public static final String METHOD = "method";
  /** HTTP status code. */
  public static final String STATUS = "status";
  /** Cluster member status, lower case: {@code up}, {@code joining}, {@code leaving}, ... */
  public static final String MEMBER_STATUS = "member_status";
}
