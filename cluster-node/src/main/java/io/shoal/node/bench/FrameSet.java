package io.shoal.node.bench;

import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameSeeds;
import io.shoal.node.render.LabelMix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The benchmark's input: realistic 640x480 camera JPEGs, rendered once from a fixed set seed (not timed). */
final class FrameSet {

  private FrameSet() {}

  static List<byte[]> render(int count, long setSeed) throws InterruptedException {
    FrameRenderer renderer = new FrameRenderer();
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<byte[]>> pending = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long seed = FrameSeeds.of(setSeed, i);
        pending.add(pool.submit(() -> renderer.render(seed, LabelMix.DATASET).jpeg()));
      }
      List<byte[]> frames = new ArrayList<>(count);
      for (Future<byte[]> frame : pending) {
        frames.add(frame.get());
      }
      return List.copyOf(frames);
    } catch (ExecutionException e) {
      throw new IllegalStateException("rendering a benchmark frame failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
