package io.shoal.observability.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.observability.metrics.MetricNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A static check beside the whole-node scrape test: every metric a dashboard or rule reads is one the catalogue
 * ({@link MetricNames}) defines, in the name Kamon's Prometheus reporter exports for it, or one of the few metrics
 * of Kamon's own that the dashboards use; and every catalogued metric is on some dashboard or rule.
 */
class ReferencedMetricsAreCataloguedTest {

  /** How Kamon 2.7.5's ScrapeDataBuilder exports an instrument (checked against a scrape of a real Kamon). */
  enum Kind {
    COUNTER(List.of("_total")),
    GAUGE(List.of("")),
    TIME_GAUGE(List.of("_seconds")),
    HISTOGRAM(List.of("_bucket", "_sum", "_count")),
    TIME_HISTOGRAM(List.of("_seconds_bucket", "_seconds_sum", "_seconds_count"));

    final List<String> suffixes;

    Kind(List<String> suffixes) {
      this.suffixes = suffixes;
    }
  }

  /** The instrument of each catalogued metric, as its javadoc in MetricNames states it. */
  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry(MetricNames.INGEST_RECORDS_CONSUMED, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_FRAMES_ACCEPTED, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_FRAMES_DUPLICATE, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_FRAMES_DEFERRED, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_FRAMES_REJECTED, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_DEAD_LETTERED, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_DELIVERY_FAILURES, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_DELIVERY_RETRIES, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_STREAM_RESTARTS, Kind.COUNTER),
      Map.entry(MetricNames.INGEST_DELIVERIES_IN_FLIGHT, Kind.GAUGE),
      Map.entry(MetricNames.KAFKA_CONSUMER_LAG, Kind.GAUGE),
      Map.entry(MetricNames.INFERENCE_PREPROCESS_TIME, Kind.TIME_HISTOGRAM),
      Map.entry(MetricNames.INFERENCE_QUEUE_TIME, Kind.TIME_HISTOGRAM),
      Map.entry(MetricNames.INFERENCE_COMPUTE_TIME, Kind.TIME_HISTOGRAM),
      Map.entry(MetricNames.INFERENCE_BATCH_SIZE, Kind.HISTOGRAM),
      Map.entry(MetricNames.INFERENCE_QUEUE_DEPTH, Kind.GAUGE),
      Map.entry(MetricNames.INFERENCE_OVERLOADED, Kind.COUNTER),
      Map.entry(MetricNames.INFERENCE_EXPIRED, Kind.COUNTER),
      Map.entry(MetricNames.INFERENCE_REJECTED, Kind.COUNTER),
      Map.entry(MetricNames.INFERENCE_BATCHES_FAILED, Kind.COUNTER),
      Map.entry(MetricNames.INFERENCE_MODEL_LOADED, Kind.GAUGE),
      Map.entry(MetricNames.PENS_LIVE, Kind.GAUGE),
      Map.entry(MetricNames.PEN_EVENTS_PERSISTED, Kind.COUNTER),
      Map.entry(MetricNames.PENS_BY_HEALTH, Kind.GAUGE),
      Map.entry(MetricNames.ALERTS_OPEN, Kind.GAUGE),
      Map.entry(MetricNames.PROJECTION_LAG, Kind.TIME_GAUGE),
      Map.entry(MetricNames.PROJECTION_EVENTS, Kind.COUNTER),
      Map.entry(MetricNames.HTTP_REQUESTS, Kind.COUNTER),
      Map.entry(MetricNames.HTTP_REQUEST_DURATION, Kind.TIME_HISTOGRAM),
      Map.entry(MetricNames.SSE_SUBSCRIBERS, Kind.GAUGE),
      Map.entry(MetricNames.SSE_SUBSCRIBERS_REFUSED, Kind.COUNTER),
      Map.entry(MetricNames.CLUSTER_MEMBERS, Kind.GAUGE),
      Map.entry(MetricNames.CLUSTER_UNREACHABLE, Kind.GAUGE));

  /**
   * Kamon's own metrics the JVM and Pekko panels read. kamon-bundle 2.7.5 exports the jvm_ and process_ ones from its
   * jvm-metrics and process-metrics modules (agent or not); the executor_ and pekko_system_ ones come from its Pekko
   * instrumentation, so only with the agent attached (Kamon.init). Checked against a real scrape with Pekko 1.2.1.
   */
  private static final Set<String> KAMON_OWN_METRICS = Set.of(
      "jvm_memory_committed_bytes", "jvm_memory_max_bytes", "jvm_gc_seconds_sum", "jvm_threads_total",
      "process_cpu_usage_sum", "process_cpu_usage_count",
      "executor_time_in_queue_seconds_bucket", "pekko_system_dead_letters_total");

  @Test
  void everyCataloguedMetricHasAnInstrumentKind() throws IllegalAccessException {
    assertThat(KINDS.keySet()).as("classify new MetricNames entries here").isEqualTo(catalogue());
  }

  @Test
  void everyReferencedMetricIsCatalogued() {
    Set<String> exported = new HashSet<>(KAMON_OWN_METRICS);
    KINDS.forEach((name, kind) -> exported.addAll(exportedNames(name, kind)));

    assertThat(MetricReferences.load(ObservabilityFiles.DIR))
        .as("dashboards and rules may read only catalogued metrics")
        .isSubsetOf(exported);
  }

  @Test
  void everyCataloguedMetricIsOnADashboardOrRule() {
    Set<String> referenced = MetricReferences.load(ObservabilityFiles.DIR);
    Set<String> unused = new TreeSet<>();
    KINDS.forEach((name, kind) -> {
      if (exportedNames(name, kind).stream().noneMatch(referenced::contains)) {
        unused.add(name);
      }
    });
    assertThat(unused).isEmpty();
  }

  @Test
  void exportedNamesFollowTheReporterConvention() {
    assertThat(exportedNames("shoal.ingest.dead-lettered", Kind.COUNTER)).containsExactly("shoal_ingest_dead_lettered_total");
    assertThat(exportedNames("shoal.projection.lag", Kind.TIME_GAUGE)).containsExactly("shoal_projection_lag_seconds");
    assertThat(exportedNames("shoal.inference.queue-time", Kind.TIME_HISTOGRAM)).containsExactly(
        "shoal_inference_queue_time_seconds_bucket", "shoal_inference_queue_time_seconds_sum",
        "shoal_inference_queue_time_seconds_count");
  }

  /** Kamon's reporter: dots and dashes become underscores, then the kind's suffix ({@code _total} only if missing). */
  static List<String> exportedNames(String kamonName, Kind kind) {
    String base = kamonName.replace('.', '_').replace('-', '_');
    if (kind == Kind.COUNTER && base.endsWith("_total")) {
      return List.of(base);
    }
    return kind.suffixes.stream().map(suffix -> base + suffix).toList();
  }

  private static Set<String> catalogue() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field field : MetricNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.add((String) field.get(null));
      }
    }
    return names;
  }
}
