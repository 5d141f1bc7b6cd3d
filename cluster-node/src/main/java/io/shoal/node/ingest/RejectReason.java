package io.shoal.node.ingest;

import java.util.Optional;

/**
 * Why a Kafka record is not a valid frame. The {@link #code()} is written to the dead-letter header
 * {@code dead-letter-reason}: it is part of the contract, so codes are never renamed, only added.
 */
public enum RejectReason {
  /** The record has no key: the pen is unknown. */
  MISSING_PEN_ID("missing-pen-id"),
  /** The key is not a valid id (empty, too long, not UTF-8, or characters outside the safe set). */
  INVALID_PEN_ID("invalid-pen-id"),
  /** One of the required headers is absent (or has a null value). */
  MISSING_HEADER("missing-header"),
  /** A required header appears more than once, so the frame is ambiguous. */
  DUPLICATE_HEADER("duplicate-header"),
  /** The {@code camera-id} header is not a valid id. */
  INVALID_CAMERA_ID("invalid-camera-id"),
  /** The {@code frame-id} header is not a valid id. */
  INVALID_FRAME_ID("invalid-frame-id"),
  /** The {@code captured-at} header is not epoch milliseconds in the accepted range. */
  INVALID_CAPTURED_AT("invalid-captured-at"),
  /** The {@code content-type} header is neither {@code image/jpeg} nor {@code image/png}. */
  UNSUPPORTED_CONTENT_TYPE("unsupported-content-type"),
  /** The value is absent or empty. */
  EMPTY_IMAGE("empty-image"),
  /** The value is larger than the configured maximum. */
  IMAGE_TOO_LARGE("image-too-large"),
  /** The value starts with neither the JPEG nor the PNG signature. */
  UNRECOGNISED_IMAGE("unrecognised-image"),
  /** The value's signature disagrees with the {@code content-type} header. */
  CONTENT_TYPE_MISMATCH("content-type-mismatch"),

  // The pen entity's verdicts (PenProtocol.FrameRejected codes): the record was a valid frame, but it can never be
  // counted. Same spelling as the protocol's constants, so the dead-letter header carries the pen's own code.

  /** The model could not read the image (corrupt or truncated JPEG/PNG, oversized image). */
  UNDECODABLE_IMAGE("undecodable-image"),
  /** The pen already tracks as many cameras as it may. */
  TOO_MANY_CAMERAS("too-many-cameras"),
  /** The pen rejected the frame with a code this node does not know (a newer pen); the detail names the code. */
  REJECTED_BY_PEN("rejected-by-pen");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  /** The stable code carried in the {@code dead-letter-reason} header. */
  public String code() {
    return code;
  }

  /** The reason whose {@link #code()} is {@code code}, if any. */
  public static Optional<RejectReason> ofCode(String code) {
    for (RejectReason reason : values()) {
      if (reason.code.equals(code)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }
}
