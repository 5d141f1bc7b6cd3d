package io.shoal.node.inference;

/**
 * Hooks for counting what the workers do (node metrics, benchmarks, tests). Called on the workers' actor threads,
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

  /** A request's image took {@code preprocessNanos} from its arrival at the worker to ready (decoding included). */
  default void preprocessed(long preprocessNanos) {}

  /** A request waited {@code queueNanos} from ready (preprocessed) to its batch's start. */
  default void queued(long queueNanos) {}

  /** Requests accepted and not answered yet changed by {@code delta} (+1 accepted; minus those answered). */
  default void queueDepthChanged(int delta) {}

  /** Both listeners, {@code this} first; for a node's metrics beside a caller's own counting. */
  default InferenceListener andThen(InferenceListener next) {
    InferenceListener first = this;
    if (next == NONE) {
      return first;
    }
    return new InferenceListener() {
      @Override
      public void batchCompleted(int size, long runNanos) {
        first.batchCompleted(size, runNanos);
        next.batchCompleted(size, runNanos);
      }

      @Override
      public void batchFailed(int size, Throwable cause) {
        first.batchFailed(size, cause);
        next.batchFailed(size, cause);
      }

      @Override
      public void overloaded() {
        first.overloaded();
        next.overloaded();
      }

      @Override
      public void expired() {
        first.expired();
        next.expired();
      }

      @Override
      public void rejected(Throwable cause) {
        first.rejected(cause);
        next.rejected(cause);
      }

      @Override
      public void preprocessed(long preprocessNanos) {
        first.preprocessed(preprocessNanos);
        next.preprocessed(preprocessNanos);
      }

      @Override
      public void queued(long queueNanos) {
        first.queued(queueNanos);
        next.queued(queueNanos);
      }

      @Override
      public void queueDepthChanged(int delta) {
        first.queueDepthChanged(delta);
        next.queueDepthChanged(delta);
      }
    };
  }
}
