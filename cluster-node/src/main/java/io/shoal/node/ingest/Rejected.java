package io.shoal.node.ingest;

import java.util.Objects;

/** A Kafka record that is not a valid frame: a stable {@link RejectReason} and a human-readable detail. */
public record Rejected(RejectReason reason, String detail) implements FrameRecordParser.Result {

  public Rejected {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
