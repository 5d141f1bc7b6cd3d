package io.shoal.node.ingest;

import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import java.util.concurrent.CompletionStage;

/**
 * Where {@link FrameIngestion} hands each valid frame: normally the frame's pen entity ({@link ShardedPenGateway}).
 *
 * <p>Contract: the returned stage completes only once the pen has persisted the frame's outcome
 * ({@code FrameAccepted}), decided it never can ({@code FrameRejected}) or declined it for now ({@code FrameDeferred});
 * it fails (e.g. with a {@link java.util.concurrent.TimeoutException}) when no answer came in time. It must always
 * complete within a bounded time: the frame's partition commits nothing past it until it does. The same frame may be
 * delivered more than once (retries, restarts after a crash); the pen answers a repeat as a duplicate.
 */
@FunctionalInterface
public interface PenGateway {

  CompletionStage<FrameOutcome> deliver(FrameRecord frame);
}
