package io.shoal.node.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a Kafka record as a frame of the {@link FrameRecords} contract. Never throws for bad input: the result is
 * either a {@link FrameRecord} or a {@link Rejected} naming the first problem found (checked in a fixed order: key,
 * image, headers, content type, capture time), which ingestion dead-letters with {@link DeadLetter}.
 */
public final class FrameRecordParser {

  /** Frames claiming to be older than this are rejected (a zero, seconds instead of milliseconds, or garbage). */
  public static final Instant EARLIEST_CAPTURED_AT = Instant.parse("2000-01-01T00:00:00Z");

  private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,18}");

  /** What parsing a record gives: a valid frame or the reason it is not one. */
  public sealed interface Result permits FrameRecord, Rejected {}

  private final int maxImageBytes;
  private final Duration maxFutureSkew;
  private final Clock clock;

  /**
   * @param maxImageBytes largest accepted value, in bytes
   * @param maxFutureSkew how far past this node's clock a {@code captured-at} may lie (camera clock drift)
   * @param clock this node's clock
   */
  public FrameRecordParser(int maxImageBytes, Duration maxFutureSkew, Clock clock) {
    if (maxImageBytes <= 0) {
      throw new IllegalArgumentException("maxImageBytes must be positive: " + maxImageBytes);
    }
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew);
    }
    this.maxImageBytes = maxImageBytes;
    this.maxFutureSkew = maxFutureSkew;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public FrameRecordParser(KafkaSettings settings, Clock clock) {
    this(settings.maxImageBytes(), settings.capturedAtMaxFutureSkew(), clock);
  }

  public Result parse(ConsumerRecord<byte[], byte[]> record) {
    byte[] key = record.key();
    if (key == null) {
      return new Rejected(RejectReason.MISSING_PEN_ID, "the record has no key (the pen id)");
    }
    Optional<String> penId = FrameRecords.decodeUtf8(key).filter(FrameRecords::isValidId);
    if (penId.isEmpty()) {
      return new Rejected(RejectReason.INVALID_PEN_ID, "the key is not a valid pen id: " + describe(key));
    }

    byte[] image = record.value();
    if (image == null || image.length == 0) {
      return new Rejected(RejectReason.EMPTY_IMAGE, "the record has no image");
    }
    if (image.length > maxImageBytes) {
      return new Rejected(RejectReason.IMAGE_TOO_LARGE,
          "the image has " + image.length + " bytes, more than the maximum " + maxImageBytes);
    }
    Optional<String> sniffed = FrameRecords.sniffContentType(image);
    if (sniffed.isEmpty()) {
      return new Rejected(RejectReason.UNRECOGNISED_IMAGE, "the image starts with neither the JPEG nor the PNG signature");
    }

    Headers headers = record.headers();
    String[] values = new String[4];
    byte[][] raw = new byte[4][];
    String[] names = {FrameRecords.CAMERA_ID, FrameRecords.FRAME_ID, FrameRecords.CAPTURED_AT, FrameRecords.CONTENT_TYPE};
    for (int i = 0; i < names.length; i++) {
      Iterator<Header> found = headers.headers(names[i]).iterator();
      byte[] value = found.hasNext() ? found.next().value() : null;
      if (value == null) {
        return new Rejected(RejectReason.MISSING_HEADER, "the record has no " + names[i] + " header");
      }
      if (found.hasNext()) {
        return new Rejected(RejectReason.DUPLICATE_HEADER, "the record has more than one " + names[i] + " header");
      }
      raw[i] = value;
      // Not UTF-8 decodes to "", which every check below rejects; the detail then shows the bytes in hex.
      values[i] = FrameRecords.decodeUtf8(value).orElse("");
    }
    String cameraId = values[0];
    String frameId = values[1];
    String capturedAtText = values[2];
    String contentType = values[3];

    if (!FrameRecords.isValidId(cameraId)) {
      return new Rejected(RejectReason.INVALID_CAMERA_ID, "the camera-id header is not a valid id: " + describe(raw[0]));
    }
    if (!FrameRecords.isValidId(frameId)) {
      return new Rejected(RejectReason.INVALID_FRAME_ID, "the frame-id header is not a valid id: " + describe(raw[1]));
    }
    if (!contentType.equals(FrameRecords.IMAGE_JPEG) && !contentType.equals(FrameRecords.IMAGE_PNG)) {
      return new Rejected(RejectReason.UNSUPPORTED_CONTENT_TYPE,
          "the content-type header is " + describe(raw[3]) + ", not image/jpeg or image/png");
    }
    if (!contentType.equals(sniffed.get())) {
      return new Rejected(RejectReason.CONTENT_TYPE_MISMATCH,
          "the content-type header says " + contentType + " but the image is " + sniffed.get());
    }

    // ASCII decimal digits only: no sign, spaces or other scripts' digits (which Long.parseLong would accept).
    // 18 digits always fit a long and are already far past any sane time.
    if (!EPOCH_MILLIS.matcher(capturedAtText).matches()) {
      return new Rejected(RejectReason.INVALID_CAPTURED_AT,
          "the captured-at header is not epoch milliseconds: " + describe(raw[2]));
    }
    long capturedAt = Long.parseLong(capturedAtText);
    Instant latest = clock.instant().plus(maxFutureSkew);
    if (capturedAt < EARLIEST_CAPTURED_AT.toEpochMilli() || capturedAt > latest.toEpochMilli()) {
      return new Rejected(RejectReason.INVALID_CAPTURED_AT, "the captured-at header " + capturedAt
          + " is outside " + EARLIEST_CAPTURED_AT + " .. " + latest + " (now + " + maxFutureSkew + ")");
    }

    return new FrameRecord(penId.get(), cameraId, frameId, capturedAt, contentType, image, record.partition(),
        record.offset());
  }

  /** A bounded, log-safe rendering of untrusted bytes. */
  private static String describe(byte[] bytes) {
    Optional<String> text = FrameRecords.decodeUtf8(bytes);
    if (text.isPresent()) {
      return abbreviate(text.get());
    }
    StringBuilder hex = new StringBuilder("0x");
    for (int i = 0; i < Math.min(bytes.length, 16); i++) {
      hex.append(String.format("%02x", bytes[i]));
    }
    return hex + (bytes.length > 16 ? "... (" + bytes.length + " bytes, not UTF-8)" : " (not UTF-8)");
  }

  /** Quotes and cuts untrusted text and escapes control characters, so a detail stays one short line. */
  private static String abbreviate(String text) {
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(text.length(), 80);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (text.length() > limit) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }
}
