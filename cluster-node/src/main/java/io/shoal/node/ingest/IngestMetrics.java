package io.shoal.node.ingest;

import io.shoal.observability.metrics.Instruments;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import kamon.metric.Counter;
import kamon.metric.Gauge;

/**
 * Counters of Kafka ingestion, safe to update from any thread and cheap on the hot path ({@link LongAdder}). Each
 * count also goes to the node's metrics (Kamon, under the {@link MetricNames} {@code shoal.ingest.*} names, rejects
 * and dead letters tagged {@link MetricTags#REASON}); {@link #snapshot()} keeps this instance's own totals for tests
 * and logs (the Kamon instruments are JVM-wide).
 */
public final class IngestMetrics {

  private final Counter consumedMetric = Instruments.counter(MetricNames.INGEST_RECORDS_CONSUMED);
  private final Counter acceptedMetric = Instruments.counter(MetricNames.INGEST_FRAMES_ACCEPTED);
  private final Counter duplicateMetric = Instruments.counter(MetricNames.INGEST_FRAMES_DUPLICATE);
  private final Counter deferredMetric = Instruments.counter(MetricNames.INGEST_FRAMES_DEFERRED);
  private final Counter deliveryFailuresMetric = Instruments.counter(MetricNames.INGEST_DELIVERY_FAILURES);
  private final Counter retriesMetric = Instruments.counter(MetricNames.INGEST_DELIVERY_RETRIES);
  private final Counter restartsMetric = Instruments.counter(MetricNames.INGEST_STREAM_RESTARTS);
  private final Gauge inFlightMetric = Instruments.gauge(MetricNames.INGEST_DELIVERIES_IN_FLIGHT);
  private final Map<RejectReason, Counter> rejectedMetric = byReason(MetricNames.INGEST_FRAMES_REJECTED);
  private final Map<RejectReason, Counter> deadLetteredMetric = byReason(MetricNames.INGEST_DEAD_LETTERED);

  private final LongAdder consumed = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder deferred = new LongAdder();
  private final LongAdder deliveryFailures = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder restarts = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong maxInFlight = new AtomicLong();

  /**
   * A consistent-enough copy for tests and logs (each counter read once; they may move between reads).
   *
   * @param deadLettered dead letters per reason code, in code order
   * @param maxInFlight  the most deliveries ever pending at once (since these metrics were created)
   */
  public record Snapshot(long consumed, long accepted, long duplicates, long deferred, long deliveryFailures,
      long retries, long restarts, Map<String, Long> deadLettered, long inFlight, long maxInFlight) {

    public Snapshot {
      deadLettered = Map.copyOf(deadLettered);
    }

    public long deadLetteredTotal() {
      return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
      return "consumed=" + consumed + " accepted=" + accepted + " duplicates=" + duplicates + " deferred=" + deferred
          + " delivery-failures=" + deliveryFailures + " retries=" + retries + " restarts=" + restarts
          + " dead-lettered=" + new TreeMap<>(deadLettered) + " in-flight=" + inFlight + " max-in-flight="
          + maxInFlight;
    }
  }

  /** Every reason registered up front, so that each is exported (at zero) before its first occurrence. */
  private static Map<RejectReason, Counter> byReason(String name) {
    Map<RejectReason, Counter> counters = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      counters.put(reason, Instruments.counter(name, MetricTags.REASON, reason.code()));
    }
    return counters;
  }

  void recordConsumed() {
    consumed.increment();
    consumedMetric.increment();
  }

  void frameAccepted(boolean duplicate) {
    (duplicate ? duplicates : accepted).increment();
    (duplicate ? duplicateMetric : acceptedMetric).increment();
  }

  void frameDeferred() {
    deferred.increment();
    deferredMetric.increment();
  }

  void deliveryFailed() {
    deliveryFailures.increment();
    deliveryFailuresMetric.increment();
  }

  void deliveryRetried() {
    retries.increment();
    retriesMetric.increment();
  }

  void streamRestarted() {
    restarts.increment();
    restartsMetric.increment();
  }

  /** A record was found not to be a valid frame, or its pen refused it; it goes to the dead-letter topic next. */
  void frameRejected(RejectReason reason) {
    rejectedMetric.get(reason).increment();
  }

  void deadLettered(RejectReason reason) {
    deadLettered.computeIfAbsent(reason.code(), code -> new LongAdder()).increment();
    deadLetteredMetric.get(reason).increment();
  }

  void deliveryStarted() {
    long now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    inFlightMetric.increment();
  }

  void deliveryEnded() {
    inFlight.decrementAndGet();
    inFlightMetric.decrement();
  }

  public Snapshot snapshot() {
    Map<String, Long> dead = new TreeMap<>();
    deadLettered.forEach((code, count) -> dead.put(code, count.sum()));
    return new Snapshot(consumed.sum(), accepted.sum(), duplicates.sum(), deferred.sum(), deliveryFailures.sum(),
        retries.sum(), restarts.sum(), dead, inFlight.get(), maxInFlight.get());
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
