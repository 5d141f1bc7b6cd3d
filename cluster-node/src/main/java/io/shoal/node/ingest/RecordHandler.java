package io.shoal.node.ingest;

import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.pekko.Done;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one consumed record, up to the moment its offset may be committed: a valid frame is delivered to
 * its pen until the pen settles it; a record that is not a valid frame, or a frame the pen rejects, is written to the
 * dead-letter topic and the broker's acknowledgement awaited (so a crash cannot lose it between commit and write).
 * A dead letter too large for the dead-letter topic is written once more without its value ({@link DeadLetter}), so
 * that no record can stop the stream for good.
 */
final class RecordHandler {

  private static final Logger log = LoggerFactory.getLogger(RecordHandler.class);
  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.getInstance());

  private final FrameRecordParser parser;
  private final FrameDelivery delivery;
  private final SendProducer<byte[], byte[]> deadLetters;
  private final String deadLetterTopic;
  private final IngestMetrics metrics;

  RecordHandler(FrameRecordParser parser, FrameDelivery delivery, SendProducer<byte[], byte[]> deadLetters,
      String deadLetterTopic, IngestMetrics metrics) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Completes when {@code record}'s offset may be committed: its pen persisted it (or had already), or the dead-letter
   * topic acknowledged it. Fails when neither could happen (retries exhausted, dead-letter topic unwritable), or when
   * {@code generation} (the stream run that consumed the record) ended before the pen settled it.
   */
  CompletionStage<Done> handle(ConsumerRecord<byte[], byte[]> record, Cancellation generation) {
    metrics.recordConsumed();
    FrameRecordParser.Result parsed = parser.parse(record);
    if (parsed instanceof Rejected rejected) {
      return deadLetter(record, rejected);
    }
    return delivery.deliver((FrameRecord) parsed, generation).thenCompose(outcome -> settle(record, outcome));
  }

  private CompletionStage<Done> settle(ConsumerRecord<byte[], byte[]> record, FrameOutcome outcome) {
    if (outcome instanceof FrameAccepted accepted) {
      metrics.frameAccepted(accepted.duplicate());
      return DONE;
    }
    if (outcome instanceof FrameRejected rejected) {
      return deadLetter(record, rejectedByPen(rejected));
    }
    // FrameDelivery settles only on the two above; anything else is a programming error, and failing the stream
    // (which restarts from the last commit) is safer than committing past the frame.
    return CompletableFuture.failedFuture(new IllegalStateException("unexpected outcome " + outcome));
  }

  /** The pen's code as a {@link RejectReason}; a code this node does not know keeps its text in the detail. */
  static Rejected rejectedByPen(FrameRejected rejected) {
    String detail = Objects.toString(rejected.reason(), "");
    return RejectReason.ofCode(rejected.code())
        .map(reason -> new Rejected(reason, detail))
        .orElseGet(() -> new Rejected(RejectReason.REJECTED_BY_PEN, rejected.code() + ": " + detail));
  }

  private CompletionStage<Done> deadLetter(ConsumerRecord<byte[], byte[]> record, Rejected rejected) {
    metrics.frameRejected(rejected.reason());
    ProducerRecord<byte[], byte[]> deadLetter = DeadLetter.record(deadLetterTopic, record, rejected);
    return deadLetters.send(deadLetter)
        .handle((written, error) -> error)
        .thenCompose(error -> {
          if (error == null) {
            return DONE;
          }
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (!(cause instanceof RecordTooLargeException) || deadLetter.value() == null) {
            return CompletableFuture.<Done>failedFuture(cause);
          }
          // Larger than this producer's max.request.size or the dead-letter topic's max.message.bytes. Failing here
          // would restart the stream at this same record forever; the headers still say what it was, where it came
          // from and how large it was, and the original stays in the frames topic for its retention.
          try (var mdc = IngestMdc.record(record)) {
            log.warn("The dead letter of {}-{} offset {} ({} bytes) is too large for {}; writing it without its value",
                record.topic(), record.partition(), record.offset(), deadLetter.value().length, deadLetterTopic);
          }
          return deadLetters.send(DeadLetter.withoutValue(deadLetter)).thenApply(written -> Done.getInstance());
        })
        .thenApply(written -> {
          metrics.deadLettered(rejected.reason());
          try (var mdc = IngestMdc.record(record)) {
            log.warn("Dead-lettered the record at {}-{} offset {} to {}: {} ({})", record.topic(), record.partition(),
                record.offset(), deadLetterTopic, rejected.reason().code(), rejected.detail());
          }
          return Done.getInstance();
        });
  }
}
