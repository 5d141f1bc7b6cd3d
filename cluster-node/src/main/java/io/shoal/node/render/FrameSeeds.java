package io.shoal.node.render;

/**
 * Derives the seed of frame {@code index} of a set from the set's seed. SplitMix64 finalisation spreads
 * neighbouring inputs apart, so sets with different seeds share no frame seeds in practice.
 */
public final class FrameSeeds {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private FrameSeeds() {}

  public static long of(long setSeed, long index) {
    long z = setSeed * GOLDEN_GAMMA + index + 1;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
