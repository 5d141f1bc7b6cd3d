package io.shoal.node.ingest;

import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.KafkaPosition;
import io.shoal.protocol.pen.PenProtocol.ProcessFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Delivers a frame to its pen entity, wherever in the cluster sharding placed it: an ask of
 * {@link ProcessFrame}, answered after the pen persisted the frame's outcome. The ask fails with a
 * {@link java.util.concurrent.TimeoutException} after {@code askTimeout}, which {@link FrameIngestion} retries.
 */
public final class ShardedPenGateway implements PenGateway {

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  /**
   * @param askTimeout how long to wait for the pen's answer: inference plus the journal write, with the pen's own
   *                   queue in front of them ({@link IngestSettings#askTimeout()})
   */
  public ShardedPenGateway(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = Objects.requireNonNull(sharding, "sharding");
    if (askTimeout.isZero() || askTimeout.isNegative()) {
      throw new IllegalArgumentException("askTimeout must be positive: " + askTimeout);
    }
    this.askTimeout = askTimeout;
  }

  @Override
  public CompletionStage<FrameOutcome> deliver(FrameRecord frame) {
    KafkaPosition position = new KafkaPosition(frame.partition(), frame.offset());
    Instant capturedAt = Instant.ofEpochMilli(frame.capturedAt());
    return sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, frame.penId()).<FrameOutcome>ask(
        replyTo -> new ProcessFrame(frame.frameId(), frame.cameraId(), capturedAt, frame.image(), position, replyTo),
        askTimeout);
  }
}
