package io.shoal.node.inference;

/**
 * Hooks for counting what the workers do (benchmarks, tests; metrics later). Called on the workers' actor threads,
 * possibly several at once, so implementations must be thread-safe and quick. Each is called before the reply it
 * concerns is sent, so a caller holding a reply also sees it counted; an exception is logged and otherwise ignored.
 * All methods default to nothing.
 */
public interface InferenceListener {

  InferenceListener NONE = new InferenceListener() {};

  /** A batch of {@code size} images ran; {@code runNanos} is the model call alone. */
  default void batchCompleted(int size, long runNanos) {}

  /** A batch of {@code size} images failed in the model; each member was answered Failed. */
  default void batchFailed(int size, Throwable cause) {}

  /** A request was answered Overloaded. */
  default void overloaded() {}

  /** A request was answered Expired, at intake or while waiting for a batch. */
  default void expired() {}

  /** A request's image was rejected by the preprocessor and answered Failed. */
  default void rejected(Throwable cause) {}
}
