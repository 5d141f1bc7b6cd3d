package io.shoal.protocol.inference;

import io.shoal.protocol.CborSerializable;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;

/** Messages understood by the inference actors, and their replies. */
public final class InferenceProtocol {

  private InferenceProtocol() {}

  /** Anything an inference actor accepts. Implementations private to the actor add their own internal messages. */
  public interface Command {}

  /**
   * Classify one encoded image (JPEG or PNG).
   *
   * @param requestId caller's id, echoed in the reply
   * @param image     the encoded image bytes
   * @param deadline  after this instant the request is answered {@link Expired} without being computed
   */
  public record Classify(String requestId, byte[] image, Instant deadline, ActorRef<Reply> replyTo)
      implements Command, CborSerializable {}

  /** Every reply to {@link Classify}; exactly one is sent per request. */
  public sealed interface Reply extends CborSerializable
      permits Classified, Overloaded, Expired, Undecodable, Failed {
    String requestId();
  }

  /** The model ran on the image. */
  public record Classified(String requestId, Prediction prediction) implements Reply {}

  /** The worker's bounded queue was full; the caller should back off and retry. */
  public record Overloaded(String requestId, int queueCapacity) implements Reply {}

  /** The deadline passed before the request could be computed; it was not computed. */
  public record Expired(String requestId) implements Reply {}

  /**
   * The image itself cannot be classified (not a readable JPEG/PNG, truncated, more pixels than allowed): sending it
   * again will not help.
   */
  public record Undecodable(String requestId, String reason) implements Reply {}

  /**
   * The request could not be computed although the image may be fine (the model failed on its batch, the node is
   * stopping): it may succeed if sent again later.
   */
  public record Failed(String requestId, String reason) implements Reply {}
}
