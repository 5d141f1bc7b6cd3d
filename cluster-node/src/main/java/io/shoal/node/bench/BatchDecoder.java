package io.shoal.node.bench;

import io.shoal.node.inference.ImagePreprocessor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * How the raw paths decode: consecutive frames into consecutive slots of a batch buffer, one task per frame on a
 * plain thread pool (as the inference workers hand each request to the preprocess dispatcher).
 */
public final class BatchDecoder {

  /** Decoding under way; {@link #await} before the buffer is read. */
  public record Pending(List<Future<Void>> frames) {
    public void await() throws InterruptedException {
      Await.all(frames, Await.PASS_TIMEOUT, "preprocessing benchmark frames");
    }
  }

  private final ImagePreprocessor preprocessor;
  private final ExecutorService threads;

  public BatchDecoder(ImagePreprocessor preprocessor, ExecutorService threads) {
    this.preprocessor = preprocessor;
    this.threads = threads;
  }

  /** Starts decoding {@code frames[from, from + count)} into slots {@code 0..count-1} of {@code buffer}. */
  public Pending submit(List<byte[]> frames, int from, int count, FloatBuffer buffer) {
    List<Future<Void>> pending = new ArrayList<>(count);
    for (int slot = 0; slot < count; slot++) {
      byte[] jpeg = frames.get(from + slot);
      int target = slot;
      pending.add(threads.submit(() -> preprocessor.preprocessInto(jpeg, buffer, target), null));
    }
    return new Pending(pending);
  }

  /** Decodes and waits. */
  public void decode(List<byte[]> frames, int from, int count, FloatBuffer buffer) throws InterruptedException {
    submit(frames, from, count, buffer).await();
  }
}
