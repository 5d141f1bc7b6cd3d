package io.shoal.node.render;

import java.util.Objects;
import java.util.Optional;

/**
 * Ground truth of one rendered frame: the focal fish's species and condition, or no fish at all.
 * Distant, out-of-focus silhouettes in the background are scenery, not fish in view.
 */
public record FrameTruth(Optional<Species> species, Optional<Condition> condition) {

  /** Label written for frames without a fish (species column). */
  public static final String NO_FISH_LABEL = "no_fish";
  /** Label written for frames without a fish (condition column). */
  public static final String NO_CONDITION_LABEL = "none";

  public static final FrameTruth NO_FISH = new FrameTruth(Optional.empty(), Optional.empty());

  public FrameTruth {
    Objects.requireNonNull(species);
    Objects.requireNonNull(condition);
    if (species.isPresent() != condition.isPresent()) {
      throw new IllegalArgumentException("a fish has both a species and a condition, no fish has neither");
    }
  }

  public static FrameTruth fish(Species species, Condition condition) {
    return new FrameTruth(Optional.of(species), Optional.of(condition));
  }

  public boolean fishPresent() {
    return species.isPresent();
  }

  public String speciesLabel() {
    return species.map(Species::label).orElse(NO_FISH_LABEL);
  }

  public String conditionLabel() {
    return condition.map(Condition::label).orElse(NO_CONDITION_LABEL);
  }
}
