package io.shoal.node.render;

/**
 * How often each label appears when the renderer picks the truth itself. Species are equally likely; the rest of
 * the fish frames are split evenly over the four unhealthy conditions.
 *
 * @param noFishShare  share of frames with no fish in view
 * @param healthyShare share of fish frames whose fish is healthy
 */
public record LabelMix(double noFishShare, double healthyShare) {

  /** The mix of the training and held-out sets: enough of every class for per-class figures. */
  public static final LabelMix DATASET = new LabelMix(1.0 / 6, 0.36);

  public LabelMix {
    if (noFishShare < 0 || noFishShare > 1 || healthyShare < 0 || healthyShare > 1) {
      throw new IllegalArgumentException("shares lie in [0, 1]");
    }
  }

  FrameTruth draw(Dice dice) {
    if (dice.chance(noFishShare)) {
      return FrameTruth.NO_FISH;
    }
    Species species = dice.pick(Species.values());
    if (dice.chance(healthyShare)) {
      return FrameTruth.fish(species, Condition.HEALTHY);
    }
    Condition[] unhealthy = {Condition.LESION, Condition.SEA_LICE, Condition.FIN_DAMAGE, Condition.DEAD};
    return FrameTruth.fish(species, dice.pick(unhealthy));
  }
}
