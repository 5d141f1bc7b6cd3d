package io.shoal.node.simulator;

import io.shoal.node.render.Condition;
import io.shoal.node.render.FrameTruth;
import io.shoal.node.render.Species;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The label shares of one pen's frames at one moment: what a frame drawn now shows.
 *
 * @param noFishShare     share of frames with no fish in view
 * @param species         the pen's own species
 * @param speciesShare    share of fish frames showing the pen's own species; the rest are spread over the others
 * @param conditionShares share of fish frames per unhealthy condition (adding up to at most 1); healthy is the rest
 */
public record PenMix(double noFishShare, Species species, double speciesShare, Map<Condition, Double> conditionShares) {

  public PenMix {
    Baseline.requireShare("no-fish share", noFishShare);
    Objects.requireNonNull(species, "species");
    Baseline.requireShare("species share", speciesShare);
    EnumMap<Condition, Double> copy = new EnumMap<>(Condition.class);
    copy.putAll(conditionShares);
    if (copy.containsKey(Condition.HEALTHY)) {
      throw new IllegalArgumentException("the healthy share is what the other conditions leave");
    }
    double sum = copy.values().stream().mapToDouble(Double::doubleValue).sum();
    // Tolerates the rounding of shares that were scaled down to add up to exactly 1.
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("condition shares add up to more than 1: " + sum);
    }
    conditionShares = Map.copyOf(copy);
  }

  public double share(Condition condition) {
    if (condition == Condition.HEALTHY) {
      return 1 - conditionShares.values().stream().mapToDouble(Double::doubleValue).sum();
    }
    return conditionShares.getOrDefault(condition, 0.0);
  }

  /** One frame's truth; the same {@code random} state always gives the same truth. */
  public FrameTruth draw(SplittableRandom random) {
    if (random.nextDouble() < noFishShare) {
      return FrameTruth.NO_FISH;
    }
    return FrameTruth.fish(drawSpecies(random), drawCondition(random));
  }

  private Species drawSpecies(SplittableRandom random) {
    Species[] all = Species.values();
    if (random.nextDouble() < speciesShare || all.length == 1) {
      return species;
    }
    // Any species but the pen's own, evenly.
    int other = random.nextInt(all.length - 1);
    return all[other >= species.ordinal() ? other + 1 : other];
  }

  private Condition drawCondition(SplittableRandom random) {
    double u = random.nextDouble();
    double cumulative = 0;
    // Enum order, not map order: the same draw must give the same condition on every JVM.
    for (Condition condition : Condition.values()) {
      if (condition == Condition.HEALTHY) {
        continue;
      }
      cumulative += conditionShares.getOrDefault(condition, 0.0);
      if (u < cumulative) {
        return condition;
      }
    }
    return Condition.HEALTHY;
  }
}
