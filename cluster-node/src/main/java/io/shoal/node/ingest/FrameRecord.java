package io.shoal.node.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * A camera frame that passed {@link FrameRecordParser}: the pen it belongs to (the Kafka key), where and when it was
 * captured (headers), the encoded image (the value) and where it sits in Kafka (for offset commits and dedup).
 *
 * <p>Equality compares the image bytes, not the array identity, so a frame that went through Kafka equals the one
 * that was sent.
 */
public record FrameRecord(String penId, String cameraId, String frameId, long capturedAt, String contentType,
    byte[] image, int partition, long offset) implements FrameRecordParser.Result {

  public FrameRecord {
    Objects.requireNonNull(penId, "penId");
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(frameId, "frameId");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(image, "image");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameRecord f && capturedAt == f.capturedAt && partition == f.partition && offset == f.offset
        && penId.equals(f.penId) && cameraId.equals(f.cameraId) && frameId.equals(f.frameId)
        && contentType.equals(f.contentType) && Arrays.equals(image, f.image);
  }

  @Override
  public int hashCode() {
    return Objects.hash(penId, cameraId, frameId, capturedAt, contentType, Arrays.hashCode(image), partition, offset);
  }

  @Override
  public String toString() {
    return "FrameRecord[penId=" + penId + ", cameraId=" + cameraId + ", frameId=" + frameId + ", capturedAt="
        + capturedAt + ", contentType=" + contentType + ", image=" + image.length + " bytes, partition=" + partition
        + ", offset=" + offset + "]";
  }
}
