package io.shoal.node.inference;

import io.shoal.protocol.inference.InferenceProtocol.Classified;
import io.shoal.protocol.inference.InferenceProtocol.Classify;
import io.shoal.protocol.inference.InferenceProtocol.Command;
import io.shoal.protocol.inference.InferenceProtocol.Expired;
import io.shoal.protocol.inference.InferenceProtocol.Failed;
import io.shoal.protocol.inference.InferenceProtocol.Overloaded;
import io.shoal.protocol.inference.InferenceProtocol.Undecodable;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One inference worker: a bounded queue in front of a dynamic batcher (Triton's / DJL Serving's design).
 *
 * <p>A request is accepted unless it is already past its deadline (Expired) or the worker already holds
 * {@code queue-capacity} unanswered requests (Overloaded, at once). Accepted images are decoded on the preprocessing
 * executor, then wait in arrival order until {@code max-batch-size} are ready or the oldest has waited
 * {@code max-batch-delay}. At most one batch runs at a time, on the inference executor; requests that expired while
 * waiting are answered Expired instead of computed. The actor itself never blocks: both kinds of work come back as
 * messages through {@code pipeToSelf}.
 *
 * <p>Failures resume rather than restart: a restarted worker would receive its predecessor's {@code pipeToSelf}
 * results and miscount {@code pending} or start a batch while the old one still reads the shared buffer. Ordinary
 * bad input and listener bugs are handled without throwing, so resuming only drops the message that hit a bug.
 */
public final class InferenceWorker extends AbstractBehavior<Command> {

  /**
   * What a worker runs on. The executors are Pekko dispatchers in production ({@link InferenceService}); tests pass
   * their own to hold a batch or to preprocess synchronously. The clock decides deadlines only; the batch delay is
   * measured on the monotonic clock.
   */
  public record Dependencies(BatchModel model, ImagePreprocessor preprocessor, Executor preprocessExecutor,
      Executor inferenceExecutor, Clock clock, InferenceListener listener) {}

  private record Preprocessed(Classify request, float[] input, long receivedAtNanos) implements Command {}

  private record PreprocessFailed(Classify request, Throwable cause) implements Command {}

  private enum FlushDue implements Command { INSTANCE }

  private record BatchDone(List<Ready> members, BatchResult result, Throwable failure) implements Command {}

  private record Ready(Classify request, float[] input, long receivedAtNanos, long readyAtNanos) {}

  private record BatchResult(List<Prediction> predictions, long runNanos) {}

  private static final String FLUSH_TIMER = "flush";

  private final InferenceSettings.Batching settings;
  private final Dependencies deps;
  private final TimerScheduler<Command> timers;
  private final long maxDelayNanos;
  private final ArrayDeque<Ready> ready = new ArrayDeque<>();
  /** Reused for every batch: safe because at most one batch is in flight. */
  private final FloatBuffer batchBuffer;
  /** Accepted and not yet answered: preprocessing + ready + in the running batch. */
  private int pending;
  private boolean batchInFlight;

  public static Behavior<Command> create(InferenceSettings.Batching settings, Dependencies deps) {
    Behavior<Command> worker =
        Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new InferenceWorker(ctx, timers, settings, deps)));
    // Resume logs the exception and keeps this instance, whose counters stay true (see the class comment).
    return Behaviors.supervise(worker).onFailure(SupervisorStrategy.resume());
  }

  private InferenceWorker(ActorContext<Command> context, TimerScheduler<Command> timers,
      InferenceSettings.Batching settings, Dependencies deps) {
    super(context);
    this.settings = settings;
    this.deps = deps;
    this.timers = timers;
    this.maxDelayNanos = settings.maxBatchDelay().toNanos();
    this.batchBuffer = OnnxModel.allocateBatch(settings.maxBatchSize(), deps.model().floatsPerImage());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Classify.class, this::onClassify)
        .onMessage(Preprocessed.class, this::onPreprocessed)
        .onMessage(PreprocessFailed.class, this::onPreprocessFailed)
        .onMessageEquals(FlushDue.INSTANCE, this::onFlushDue)
        .onMessage(BatchDone.class, this::onBatchDone)
        .onSignal(PostStop.class, signal -> releasePending())
        .build();
  }

  /** A stopped worker answers nothing more: what it still counted in the node's queue depth is gone with it. */
  private Behavior<Command> releasePending() {
    int released = pending;
    pending = 0;
    if (released > 0) {
      notifyListener(l -> l.queueDepthChanged(-released));
    }
    return this;
  }

  private Behavior<Command> onClassify(Classify request) {
    if (request.replyTo() == null) {
      getContext().getLog().warn("Dropping request {}: it has no replyTo", request.requestId());
    } else if (request.image() == null || request.image().length == 0) {
      // Answered here rather than on the preprocess executor: such a request never counts against the queue.
      UndecodableImageException empty = new UndecodableImageException("no bytes");
      notifyListener(l -> l.rejected(empty));
      request.replyTo().tell(new Undecodable(request.requestId(), empty.getMessage()));
    } else if (isExpired(request, deps.clock().instant())) {
      expire(request);
    } else if (pending >= settings.queueCapacity()) {
      notifyListener(InferenceListener::overloaded);
      request.replyTo().tell(new Overloaded(request.requestId(), settings.queueCapacity()));
    } else {
      pending++;
      notifyListener(l -> l.queueDepthChanged(1));
      long receivedAtNanos = System.nanoTime();
      getContext().pipeToSelf(
          submit(() -> deps.preprocessor().preprocess(request.image()), deps.preprocessExecutor()),
          (input, error) -> error == null
              ? new Preprocessed(request, input, receivedAtNanos)
              : new PreprocessFailed(request, unwrap(error)));
    }
    return this;
  }

  private Behavior<Command> onPreprocessed(Preprocessed done) {
    long readyAtNanos = System.nanoTime();
    notifyListener(l -> l.preprocessed(readyAtNanos - done.receivedAtNanos()));
    ready.addLast(new Ready(done.request(), done.input(), done.receivedAtNanos(), readyAtNanos));
    dispatchIfDue();
    return this;
  }

  private Behavior<Command> onPreprocessFailed(PreprocessFailed failed) {
    pending--;
    notifyListener(l -> l.queueDepthChanged(-1));
    Throwable cause = failed.cause();
    String requestId = failed.request().requestId();
    notifyListener(l -> l.rejected(cause));
    if (cause instanceof ImageRejectedException) {
      // Its message already starts with the reason ("undecodable image: ...", "image too large: ...").
      getContext().getLog().debug("Request {} rejected: {}", requestId, cause.getMessage());
      failed.request().replyTo().tell(new Undecodable(requestId, cause.getMessage()));
    } else {
      // Not the image's fault (e.g. the decoding pool is shutting down): the caller may try again.
      String reason = "preprocessing failed: " + describe(cause);
      getContext().getLog().warn("Request {} not preprocessed: {}", requestId, reason);
      failed.request().replyTo().tell(new Failed(requestId, reason));
    }
    return this;
  }

  private Behavior<Command> onFlushDue() {
    dispatchIfDue();
    return this;
  }

  private Behavior<Command> onBatchDone(BatchDone done) {
    batchInFlight = false;
    List<Ready> members = done.members();
    pending -= members.size();
    notifyListener(l -> l.queueDepthChanged(-members.size()));
    Throwable failure = done.failure();
    if (failure == null && done.result().predictions().size() != members.size()) {
      failure = new IllegalStateException("model returned " + done.result().predictions().size()
          + " predictions for " + members.size() + " images");
    }
    // The listener hears first, so whoever gets a reply also sees it counted.
    if (failure == null) {
      long runNanos = done.result().runNanos();
      notifyListener(l -> l.batchCompleted(members.size(), runNanos));
      List<Prediction> predictions = done.result().predictions();
      for (int i = 0; i < members.size(); i++) {
        Classify request = members.get(i).request();
        request.replyTo().tell(new Classified(request.requestId(), predictions.get(i)));
      }
    } else {
      getContext().getLog().warn("Inference of a batch of {} failed; answering each Failed", members.size(), failure);
      Throwable cause = failure;
      notifyListener(l -> l.batchFailed(members.size(), cause));
      String reason = "inference failed: " + describe(failure);
      for (Ready member : members) {
        member.request().replyTo().tell(new Failed(member.request().requestId(), reason));
      }
    }
    dispatchIfDue();
    return this;
  }

  /** Runs a batch if one is due and none is running, otherwise makes sure the flush timer will come back. */
  private void dispatchIfDue() {
    expireWaiting();
    if (ready.isEmpty()) {
      timers.cancel(FLUSH_TIMER);
      return;
    }
    if (batchInFlight) {
      return; // BatchDone calls back here.
    }
    long waited = System.nanoTime() - ready.peekFirst().readyAtNanos();
    if (ready.size() >= settings.maxBatchSize() || waited >= maxDelayNanos) {
      timers.cancel(FLUSH_TIMER);
      runBatch();
    } else if (!timers.isTimerActive(FLUSH_TIMER)) {
      // Armed for the current oldest request. If that one leaves early (expired), the timer fires early and is
      // simply re-armed here; it can never fire late, because taking a batch cancels it.
      timers.startSingleTimer(FLUSH_TIMER, FlushDue.INSTANCE, Duration.ofNanos(maxDelayNanos - waited));
    }
  }

  private void runBatch() {
    int size = Math.min(ready.size(), settings.maxBatchSize());
    List<Ready> members = new ArrayList<>(size);
    long startNanos = System.nanoTime();
    for (int i = 0; i < size; i++) {
      Ready member = ready.pollFirst();
      members.add(member);
      notifyListener(l -> l.queued(startNanos - member.readyAtNanos()));
    }
    batchInFlight = true;
    BatchModel model = deps.model();
    FloatBuffer buffer = batchBuffer;
    int floats = model.floatsPerImage();
    // Copying into the batch buffer happens on the inference thread too, keeping the actor's turn short.
    getContext().pipeToSelf(submit(() -> {
      for (int i = 0; i < size; i++) {
        buffer.put(i * floats, members.get(i).input());
      }
      long start = System.nanoTime();
      try {
        List<Prediction> predictions = model.classify(buffer, size);
        return new BatchResult(predictions, System.nanoTime() - start);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, deps.inferenceExecutor()), (result, error) -> new BatchDone(members, result, error == null ? null : unwrap(error)));
  }

  private void expireWaiting() {
    if (ready.isEmpty()) return;
    Instant now = deps.clock().instant();
    for (Iterator<Ready> it = ready.iterator(); it.hasNext(); ) {
      Ready waiting = it.next();
      if (isExpired(waiting.request(), now)) {
        it.remove();
        pending--;
        notifyListener(l -> l.queueDepthChanged(-1));
        expire(waiting.request());
      }
    }
  }

  private void expire(Classify request) {
    notifyListener(InferenceListener::expired);
    request.replyTo().tell(new Expired(request.requestId()));
  }

  /** A listener bug must cost neither a reply nor the worker's bookkeeping, so it is logged and otherwise ignored. */
  private void notifyListener(Consumer<InferenceListener> call) {
    try {
      call.accept(deps.listener());
    } catch (RuntimeException e) {
      getContext().getLog().warn("InferenceListener {} threw; ignored", deps.listener().getClass().getName(), e);
    }
  }

  /** A request without a deadline never expires. */
  private static boolean isExpired(Classify request, Instant now) {
    return request.deadline() != null && !now.isBefore(request.deadline());
  }

  private static <T> CompletableFuture<T> submit(Supplier<T> work, Executor executor) {
    try {
      return CompletableFuture.supplyAsync(work, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e); // dispatcher shutting down: answer rather than lose the request
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
