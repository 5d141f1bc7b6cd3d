package io.shoal.node.ingest;

/**
 * A frame that no pen settled (accepted or rejected) within the configured retries. It fails the ingestion stream,
 * which restarts from the last committed offsets: the frame is never skipped.
 */
public final class FrameNotDeliveredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  FrameNotDeliveredException(FrameRecord frame, int deliveries, String lastProblem, Throwable cause) {
    super("frame " + frame.frameId() + " of pen " + frame.penId() + " (partition " + frame.partition() + ", offset "
        + frame.offset() + ") was not settled after " + deliveries + " deliveries; last: " + lastProblem, cause);
  }
}
