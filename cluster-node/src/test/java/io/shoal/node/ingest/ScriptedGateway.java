package io.shoal.node.ingest;

import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stand-in for the pens: records every delivery, counts the deliveries not answered yet (and their peak), and
 * answers as its script says. The default script accepts every frame at once, as a duplicate when it had already
 * accepted that frame id (like a pen).
 */
final class ScriptedGateway implements PenGateway {

  private final ConcurrentLinkedQueue<FrameRecord> deliveries = new ConcurrentLinkedQueue<>();
  private final Map<String, Boolean> accepted = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger maxPending = new AtomicInteger();
  private volatile Function<FrameRecord, CompletionStage<FrameOutcome>> script = this::accept;

  ScriptedGateway answering(Function<FrameRecord, CompletionStage<FrameOutcome>> script) {
    this.script = script;
    return this;
  }

  @Override
  public CompletionStage<FrameOutcome> deliver(FrameRecord frame) {
    deliveries.add(frame);
    maxPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
    return script.apply(frame).whenComplete((outcome, error) -> pending.decrementAndGet());
  }

  /** Accepted now, or a duplicate when this frame id was accepted before. */
  CompletionStage<FrameOutcome> accept(FrameRecord frame) {
    boolean duplicate = accepted.putIfAbsent(frame.frameId(), Boolean.TRUE) != null;
    return CompletableFuture.completedFuture(new FrameAccepted(frame.frameId(), duplicate));
  }

  /** Accepted once {@code gate} completes. */
  CompletionStage<FrameOutcome> acceptAfter(CompletionStage<?> gate, FrameRecord frame) {
    return gate.thenCompose(ignored -> accept(frame));
  }

  List<FrameRecord> deliveries() {
    return List.copyOf(deliveries);
  }

  List<String> deliveredFrameIds() {
    return deliveries.stream().map(FrameRecord::frameId).toList();
  }

  /** How many times each frame id was delivered. */
  Map<String, Long> deliveriesPerFrame() {
    return deliveries.stream().collect(Collectors.groupingBy(FrameRecord::frameId, Collectors.counting()));
  }

  long deliveriesOf(String frameId) {
    return deliveries.stream().filter(f -> f.frameId().equals(frameId)).count();
  }

  int pending() {
    return pending.get();
  }

  int maxPending() {
    return maxPending.get();
  }
}
