package io.shoal.node.ingest;

import com.typesafe.config.Config;
import io.shoal.observability.metrics.MetricsSettings;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.kafka.AutoSubscription;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerMessage.CommittableMessage;
import org.apache.pekko.kafka.ConsumerMessage.CommittableOffset;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Committer;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContextExecutor;

/**
 * This node's share of the frames topic, consumed into the pen entities (DESIGN.md §1, §5):
 *
 * <pre>
 *   committablePartitionedSource (consumer group; one substream per assigned partition)
 *     └ per partition: mapAsync(in-flight-per-partition)  parse → deliver to the pen until settled | dead-letter
 *   flatMapMerge(max-partitions) → Committer (batches of offsets)
 *   all inside RestartSource.onFailuresWithBackoff: a failure restarts from the last committed offsets
 * </pre>
 *
 * <ul>
 *   <li>At-least-once: an offset is committed only after its frame's pen answered (after persisting) or its dead
 *       letter was acknowledged; {@code mapAsync} keeps a partition's offsets in order, so a commit never passes a
 *       frame still pending. The pens drop frames redelivered after a restart.</li>
 *   <li>Bounded: at most {@code max-partitions x in-flight-per-partition} frames are with the pens; a slow pen holds
 *       its partition's slots, the substream stops pulling, and the consumer pauses that partition. A slow partition
 *       does not hold up the others.</li>
 *   <li>{@link #stop()} drains: no new records, in-flight frames finish, their offsets are committed, then the consumer
 *       closes.</li>
 *   <li>Each run of the stream (a restart starts a new one) cancels its frames' deliveries when it terminates, so
 *       retries never outlive the run that started them ({@link Cancellation}).</li>
 *   <li>A drain still running when coordinated shutdown reaches {@code service-stop} (the drain's phase,
 *       {@code service-requests-done}, timed out) is {@linkplain #abandon() abandoned}: the node is going away, and
 *       the frames in flight are redelivered from the last committed offsets to whichever node takes over.</li>
 * </ul>
 */
public final class FrameIngestion {

  private static final Logger log = LoggerFactory.getLogger(FrameIngestion.class);

  private final ActorSystem<?> system;
  private final Consumer.DrainingControl<Done> control;
  private final UniqueKillSwitch streamSwitch;
  private final SendProducer<byte[], byte[]> deadLetters;
  private final IngestMetrics metrics;
  private final Object stopLock = new Object();
  private CompletionStage<Done> stopped;

  private FrameIngestion(ActorSystem<?> system, Consumer.DrainingControl<Done> control, UniqueKillSwitch streamSwitch,
      SendProducer<byte[], byte[]> deadLetters, IngestMetrics metrics) {
    this.system = system;
    this.control = control;
    this.streamSwitch = streamSwitch;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  /** Starts consuming with {@code shoal.kafka} and {@code shoal.kafka.ingest} of the system's configuration. */
  public static FrameIngestion start(ActorSystem<?> system, PenGateway gateway, IngestMetrics metrics) {
    Config config = system.settings().config();
    return start(system, KafkaSettings.fromConfig(config), IngestSettings.fromConfig(config), gateway, metrics);
  }

  /**
   * Starts consuming {@code kafka.framesTopic()} in consumer group {@code settings.groupId()}, delivering frames to
   * {@code gateway}; returns at once (the consumer joins its group in the background). Kafka client tuning
   * (poll sizes, offset reset, stop timeout) comes from {@code pekko.kafka.consumer}/{@code producer} of the system's
   * configuration.
   */
  public static FrameIngestion start(ActorSystem<?> system, KafkaSettings kafka, IngestSettings settings,
      PenGateway gateway, IngestMetrics metrics) {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(metrics, "metrics");
    ConsumerSettings<byte[], byte[]> consumerSettings = ConsumerSettings
        .create(system, new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .withBootstrapServers(kafka.bootstrapServers())
        .withGroupId(settings.groupId());
    ProducerSettings<byte[], byte[]> producerSettings = ProducerSettings
        .create(system, new ByteArraySerializer(), new ByteArraySerializer())
        .withBootstrapServers(kafka.bootstrapServers());
    CommitterSettings committerSettings = CommitterSettings.create(system)
        .withMaxBatch(settings.commitMaxBatch())
        .withMaxInterval(settings.commitMaxInterval());

    // One producer for the node's dead letters, kept across stream restarts; it sends on pekko.kafka's own
    // dispatcher, since KafkaProducer.send may block while it fetches metadata.
    SendProducer<byte[], byte[]> deadLetters = new SendProducer<>(producerSettings, system);
    FrameDelivery delivery = new FrameDelivery(gateway, settings.retry(), settings.maxRetries(), system.scheduler(),
        system.executionContext(), metrics);
    RecordHandler handler = new RecordHandler(new FrameRecordParser(kafka, Clock.systemUTC()), delivery, deadLetters,
        kafka.deadLetterTopic(), metrics);
    AutoSubscription subscription = Subscriptions.topics(kafka.framesTopic())
        .withPartitionAssignmentHandler(new PartitionLog(settings.maxPartitions()));

    RestartingControl consumerControl = new RestartingControl();
    AtomicBoolean firstRun = new AtomicBoolean(true);
    Backoff restart = settings.restart();
    RestartSettings restartSettings = RestartSettings.create(restart.min(), restart.max(), restart.randomFactor());
    Pair<UniqueKillSwitch, CompletionStage<Done>> running = RestartSource
        .onFailuresWithBackoff(restartSettings, () -> {
          if (!firstRun.compareAndSet(true, false)) {
            metrics.streamRestarted();
            log.warn("Frame ingestion restarts from the last committed offsets ({})", metrics.snapshot());
          }
          // This run's deliveries stop retrying once it terminates: the next run delivers their records again.
          Cancellation generation = new Cancellation();
          return consumerControl.attach(Consumer
              .committablePartitionedSource(consumerSettings, subscription)
              .flatMapMerge(settings.maxPartitions(),
                  partition -> partition.second().mapAsync(settings.inFlightPerPartition(),
                      message -> committableWhenHandled(handler, message, generation)))
              .via(Committer.flow(committerSettings))
              .watchTermination((control, terminated) -> {
                terminated.whenComplete((done, error) -> generation.cancel());
                return control;
              }));
        })
        // Ends the stream at once when it is stopped while waiting to restart (see RestartingControl).
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.ignore(), Keep.both())
        .run(system);
    consumerControl.onStopWhileIdle(running.first()::shutdown);
    CompletionStage<Done> completion = running.second();

    Consumer.DrainingControl<Done> control = Consumer.createDrainingControl(consumerControl, completion);
    pollConsumerLag(system, kafka, settings, completion);
    completion.whenComplete((done, error) -> {
      if (error != null) {
        log.error("Frame ingestion stopped with a failure ({})", metrics.snapshot(), error);
      } else {
        log.info("Frame ingestion stopped ({})", metrics.snapshot());
      }
    });
    log.info("Frame ingestion from {} (group {}, {} partitions x {} in flight at most) to dead-letter topic {}",
        kafka.framesTopic(), settings.groupId(), settings.maxPartitions(), settings.inFlightPerPartition(),
        kafka.deadLetterTopic());
    FrameIngestion ingestion = new FrameIngestion(system, control, running.first(), deadLetters, metrics);
    // Coordinated shutdown leaves the drain's phase after its timeout whether or not the drain finished; from
    // service-stop on, frames still being retried would only go to pens that are being handed over.
    Cancellable abandonAtServiceStop = CoordinatedShutdown.get(system).addCancellableTask(
        CoordinatedShutdown.PhaseServiceStop(), "abandon-frame-ingestion",
        () -> ingestion.abandon().handle((done, error) -> Done.getInstance()));
    completion.whenComplete((done, error) -> abandonAtServiceStop.cancel());
    return ingestion;
  }

  /**
   * Publishes the consumer group's per-partition lag on the frames topic (log end minus committed offset, see
   * {@link ConsumerLag}) on a timer until the stream ends; then its gauges go and its Admin client closes.
   */
  private static void pollConsumerLag(ActorSystem<?> system, KafkaSettings kafka, IngestSettings settings,
      CompletionStage<Done> completion) {
    MetricsSettings metricsSettings = MetricsSettings.fromConfig(system.settings().config());
    ConsumerLag lag = ConsumerLag.connect(kafka.bootstrapServers(), settings.groupId(), kafka.framesTopic(),
        metricsSettings.consumerLagTimeout());
    ConsumerLagGauges gauges = new ConsumerLagGauges();
    ConsumerLagPoller poller = new ConsumerLagPoller(lag::perPartition, gauges::publish);
    // Polls start the Admin calls without waiting for them, but the first one creates the Admin client (a DNS
    // lookup) and closing joins its thread: both on Pekko's blocking-I/O dispatcher, never the default one.
    ExecutionContextExecutor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    poller.start(system.scheduler(), metricsSettings.consumerLagPollInterval(), blocking);
    completion.whenComplete((done, error) -> {
      poller.stop();
      gauges.clear();
      CompletableFuture.runAsync(lag::close, blocking)
          .exceptionally(closeError -> {
            log.warn("The consumer lag's Admin client did not close cleanly", closeError);
            return null;
          });
    });
  }

  private static CompletionStage<CommittableOffset> committableWhenHandled(RecordHandler handler,
      CommittableMessage<byte[], byte[]> message, Cancellation generation) {
    return handler.handle(message.record(), generation).thenApply(done -> message.committableOffset());
  }

  /**
   * Drains and shuts down: takes no more records, lets the frames in flight finish and commits them, closes the
   * consumer, then the dead-letter producer. Idempotent. Fails like the stream if it had failed for good.
   */
  public CompletionStage<Done> stop() {
    synchronized (stopLock) {
      if (stopped == null) {
        log.info("Frame ingestion draining ({})", metrics.snapshot());
        stopped = control.drainAndShutdown(system.executionContext())
            .handle((done, error) -> error)
            .thenCompose(error -> deadLetters.close().handle((closed, closeError) -> {
              if (closeError != null) {
                log.warn("The dead-letter producer did not close cleanly", closeError);
              }
              if (error != null) {
                throw error instanceof RuntimeException r ? r : new IllegalStateException(error);
              }
              return Done.getInstance();
            }));
      }
      return stopped;
    }
  }

  /**
   * Ends the stream now instead of waiting for the frames in flight: their deliveries stop retrying and nothing more
   * is committed (the next consumer of their partitions gets them again from the last committed offsets); then the
   * consumer and the producer close as in {@link #stop()}. For a drain that has outlasted its deadline. Completes like
   * {@link #stop()}: with a failure if frames were abandoned.
   */
  CompletionStage<Done> abandon() {
    // stop() first: it marks the consumer stopping, so no restart can begin once the stream is aborted.
    CompletionStage<Done> stopping = stop();
    if (!completion().toCompletableFuture().isDone()) {
      log.warn("Frame ingestion gives up draining; frames in flight are left to the next consumer ({})",
          metrics.snapshot());
      streamSwitch.abort(new IllegalStateException("frame ingestion abandoned before its drain finished"));
    }
    return stopping;
  }

  /** Completes when the stream has ended: after {@link #stop()}, or a failure it could not restart from. */
  public CompletionStage<Done> completion() {
    return control.streamCompletion();
  }

  public IngestMetrics metrics() {
    return metrics;
  }
}
