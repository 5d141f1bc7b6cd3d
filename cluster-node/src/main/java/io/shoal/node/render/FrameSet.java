package io.shoal.node.render;

import java.util.List;
import java.util.stream.IntStream;

/** A numbered set of frames held in memory: frame {@code i} is always rendered from {@code FrameSeeds.of(setSeed, i)}. */
public final class FrameSet {

  private FrameSet() {}

  /** Renders on the common pool (all cores); for command-line tools and tests, never inside actors. */
  public static List<RenderedFrame> render(FrameRenderer renderer, long setSeed, int count, LabelMix mix) {
    return IntStream.range(0, count).parallel()
        .mapToObj(i -> renderer.render(FrameSeeds.of(setSeed, i), mix))
        .toList();
  }
}
