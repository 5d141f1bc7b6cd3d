package io.shoal.node.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The frame record contract of DESIGN.md §4, in one place for both sides: the camera simulator publishes with
 * {@link #toProducerRecord} and ingestion reads with {@link FrameRecordParser}, so the two cannot drift.
 *
 * <ul>
 *   <li>key: the pen id, UTF-8;</li>
 *   <li>value: the encoded image, JPEG or PNG;</li>
 *   <li>headers (UTF-8): {@code camera-id}, {@code frame-id}, {@code captured-at} (epoch milliseconds, decimal),
 *       {@code content-type} ({@code image/jpeg} or {@code image/png}, agreeing with the image's signature).</li>
 * </ul>
 *
 * Pen, camera and frame ids are 1..{@value #MAX_ID_LENGTH} characters from {@code [A-Za-z0-9._:-]}, starting with a
 * letter or digit: safe in logs, metric tags, URLs and persistence ids.
 */
public final class FrameRecords {

  public static final String CAMERA_ID = "camera-id";
  public static final String FRAME_ID = "frame-id";
  public static final String CAPTURED_AT = "captured-at";
  public static final String CONTENT_TYPE = "content-type";

  public static final String IMAGE_JPEG = "image/jpeg";
  public static final String IMAGE_PNG = "image/png";

  public static final int MAX_ID_LENGTH = 64;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_ID_LENGTH - 1) + "}");
  private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private FrameRecords() {}

  /**
   * The record a camera publishes for one frame. The content type is taken from the image's signature.
   *
   * @throws IllegalArgumentException if any part would be rejected by {@link FrameRecordParser} (other than the
   *     size and time limits, which are the consumer's configuration)
   */
  public static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, String penId, String cameraId,
      String frameId, long capturedAtMillis, byte[] image) {
    requireId("pen id", penId);
    requireId("camera id", cameraId);
    requireId("frame id", frameId);
    if (image == null || image.length == 0) {
      throw new IllegalArgumentException("image is empty");
    }
    String contentType = sniffContentType(image)
        .orElseThrow(() -> new IllegalArgumentException("image is neither JPEG nor PNG"));
    RecordHeaders headers = new RecordHeaders();
    headers.add(CAMERA_ID, utf8(cameraId));
    headers.add(FRAME_ID, utf8(frameId));
    headers.add(CAPTURED_AT, utf8(Long.toString(capturedAtMillis)));
    headers.add(CONTENT_TYPE, utf8(contentType));
    return new ProducerRecord<>(topic, null, null, utf8(penId), image, headers);
  }

  /** Whether {@code id} may be a pen, camera or frame id. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** {@code image/jpeg} or {@code image/png} from the image's leading signature bytes, or empty. */
  public static Optional<String> sniffContentType(byte[] image) {
    if (startsWith(image, JPEG_SIGNATURE)) {
      return Optional.of(IMAGE_JPEG);
    }
    if (startsWith(image, PNG_SIGNATURE)) {
      return Optional.of(IMAGE_PNG);
    }
    return Optional.empty();
  }

  /** Strict UTF-8 decoding: malformed input yields empty instead of replacement characters. */
  static Optional<String> decodeUtf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void requireId(String what, String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException(what + " is not a valid id: " + id);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes == null || bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
