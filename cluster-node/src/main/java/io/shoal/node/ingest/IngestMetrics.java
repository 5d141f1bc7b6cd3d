package io.shoal.node.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of Kafka ingestion, safe to update from any thread and cheap on the hot path ({@link LongAdder}). Until a
 * metrics library is wired in (observability module), tests read {@link #snapshot()} and the stream logs it; the
 * names below are the instrument names a Kamon/Prometheus binding should publish, dead letters tagged by
 * {@value #REASON_TAG}.
 */
public final class IngestMetrics {

  /** Records read from the frames topic, valid or not (a redelivery after a restart counts again). */
  public static final String RECORDS_CONSUMED = "shoal.ingest.records-consumed";
  /** Frames whose outcome a pen persisted now. */
  public static final String FRAMES_ACCEPTED = "shoal.ingest.frames-accepted";
  /** Frames a pen had already persisted (redelivered after a retry or a restart); committed, not counted twice. */
  public static final String FRAMES_DUPLICATE = "shoal.ingest.frames-duplicate";
  /** Answers "not now" from a pen (its inference was saturated); the frame is sent again after a backoff. */
  public static final String FRAMES_DEFERRED = "shoal.ingest.frames-deferred";
  /** Deliveries that failed without an answer (ask timeout, pen unreachable); the frame is sent again. */
  public static final String DELIVERY_FAILURES = "shoal.ingest.delivery-failures";
  /** Deliveries after the first of a frame (after a deferral or failure). */
  public static final String DELIVERY_RETRIES = "shoal.ingest.delivery-retries";
  /** Records written to the dead-letter topic, tagged {@value #REASON_TAG} = {@link RejectReason#code()}. */
  public static final String DEAD_LETTERED = "shoal.ingest.dead-lettered";
  /** Times the consumer stream failed and was started again from the last committed offsets. */
  public static final String STREAM_RESTARTS = "shoal.ingest.stream-restarts";
  /** Gauge: deliveries handed to pens and not answered yet. */
  public static final String DELIVERIES_IN_FLIGHT = "shoal.ingest.deliveries-in-flight";
  public static final String REASON_TAG = "reason";

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

  void recordConsumed() {
    consumed.increment();
  }

  void frameAccepted(boolean duplicate) {
    (duplicate ? duplicates : accepted).increment();
  }

  void frameDeferred() {
    deferred.increment();
  }

  void deliveryFailed() {
    deliveryFailures.increment();
  }

  void deliveryRetried() {
    retries.increment();
  }

  void streamRestarted() {
    restarts.increment();
  }

  void deadLettered(RejectReason reason) {
    deadLettered.computeIfAbsent(reason.code(), code -> new LongAdder()).increment();
  }

  void deliveryStarted() {
    long now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  void deliveryEnded() {
    inFlight.decrementAndGet();
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
