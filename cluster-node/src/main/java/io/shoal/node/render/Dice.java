package io.shoal.node.render;

import java.awt.Color;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random draws in the vocabulary the painters need; one instance per frame keeps frames reproducible. */
final class Dice {

  private final SplittableRandom random;

  Dice(long seed) {
    this.random = new SplittableRandom(seed);
  }

  double uniform(double min, double max) {
    return min + random.nextDouble() * (max - min);
  }

  int between(int minInclusive, int maxInclusive) {
    return random.nextInt(minInclusive, maxInclusive + 1);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** Approximately normal with mean 0 and the given deviation (sum of uniforms: cheap, deterministic, bounded). */
  double gaussian(double deviation) {
    double sum = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble() - 2.0;
    return sum * deviation * Math.sqrt(3.0);
  }

  /** 64 random bits, for callers that slice many small draws out of one. */
  long bits() {
    return random.nextLong();
  }

  <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  /** A colour jittered per channel by up to {@code spread} levels. */
  Color jitter(Color base, int spread) {
    return new Color(
        clamp(base.getRed() + between(-spread, spread)),
        clamp(base.getGreen() + between(-spread, spread)),
        clamp(base.getBlue() + between(-spread, spread)),
        base.getAlpha());
  }

  static int clamp(int channel) {
    return Math.max(0, Math.min(255, channel));
  }

  static Color withAlpha(Color color, double alpha) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), clamp((int) Math.round(alpha * 255)));
  }

  /** Linear blend: {@code amount} 0 gives {@code from}, 1 gives {@code to}. */
  static Color blend(Color from, Color to, double amount) {
    return new Color(
        clamp((int) Math.round(from.getRed() + (to.getRed() - from.getRed()) * amount)),
        clamp((int) Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * amount)),
        clamp((int) Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * amount)),
        from.getAlpha());
  }
}
