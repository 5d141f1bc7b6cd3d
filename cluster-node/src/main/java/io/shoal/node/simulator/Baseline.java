package io.shoal.node.simulator;

import io.shoal.node.render.Condition;
import io.shoal.node.render.Species;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every pen looks like outside its episodes.
 *
 * @param noFishShare          share of frames with no fish in view
 * @param dominantSpeciesShare share of a pen's fish frames showing its own species; the rest are spread evenly over
 *                             the other species (strays, neighbours seen through the net)
 * @param speciesByPen         the species farmed in pen-1, pen-2, ...; cycled when there are more pens
 * @param conditionShares      share of fish frames showing each unhealthy condition; healthy is the rest
 */
public record Baseline(double noFishShare, double dominantSpeciesShare, List<Species> speciesByPen,
    Map<Condition, Double> conditionShares) {

  public Baseline {
    requireShare("no-fish share", noFishShare);
    requireShare("dominant species share", dominantSpeciesShare);
    speciesByPen = List.copyOf(speciesByPen);
    if (speciesByPen.isEmpty()) {
      throw new IllegalArgumentException("species-by-pen names at least one species");
    }
    EnumMap<Condition, Double> copy = new EnumMap<>(Condition.class);
    copy.putAll(Objects.requireNonNull(conditionShares, "conditionShares"));
    if (copy.containsKey(Condition.HEALTHY)) {
      throw new IllegalArgumentException("the healthy share is what the other conditions leave; do not set it");
    }
    copy.forEach((condition, share) -> requireShare(condition.label() + " share", share));
    double sum = copy.values().stream().mapToDouble(Double::doubleValue).sum();
    if (sum > 1) {
      throw new IllegalArgumentException("the baseline condition shares add up to more than 1: " + sum);
    }
    conditionShares = Map.copyOf(copy);
  }

  /** The species farmed in pen number {@code penNumber} (1-based). */
  public Species speciesOfPen(int penNumber) {
    return speciesByPen.get((penNumber - 1) % speciesByPen.size());
  }

  public double share(Condition condition) {
    return conditionShares.getOrDefault(condition, 0.0);
  }

  static void requireShare(String what, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(what + " lies in [0, 1]: " + share);
    }
  }
}
