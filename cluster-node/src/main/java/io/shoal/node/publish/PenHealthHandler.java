package io.shoal.node.publish;

import io.shoal.persistence.readmodel.ProjectionMetrics;
import io.shoal.protocol.pen.PenProtocol.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Publishes one envelope's event to {@code shoal.pen-health} (see {@link PenHealthRecords}) and completes when Kafka
 * has it; events that are not published complete at once. The projection hands over the next envelope only then,
 * so at most one record per projection instance is in flight and a pen's records keep their journal order.
 */
final class PenHealthHandler extends Handler<EventEnvelope<Event>> {

  private static final CompletionStage<Done> NOTHING_TO_SEND = CompletableFuture.completedFuture(Done.getInstance());

  private final String topic;
  private final KafkaSender sender;
  private final ProjectionMetrics metrics;

  PenHealthHandler(String topic, KafkaSender sender, ProjectionMetrics metrics) {
    this.topic = topic;
    this.sender = sender;
    this.metrics = metrics;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<Event> envelope) {
    return PenHealthRecords.toRecord(topic, envelope)
        .map(record -> sender.send(record).thenApply(metadata -> Done.getInstance()))
        .orElse(NOTHING_TO_SEND)
        .thenApply(done -> {
          metrics.handled(envelope);
          return done;
        });
  }
}
