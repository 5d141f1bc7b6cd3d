package io.shoal.node.simulator;

import io.shoal.node.render.Condition;
import io.shoal.node.render.Species;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads species and condition labels (as the model manifest and data sets spell them) back into the enums. */
final class Labels {

  private Labels() {}

  static Condition condition(String label) {
    for (Condition condition : Condition.values()) {
      if (condition.label().equals(label)) {
        return condition;
      }
    }
    throw new IllegalArgumentException("unknown condition " + label + "; one of "
        + Arrays.stream(Condition.values()).map(Condition::label).collect(Collectors.joining(", ")));
  }

  static Species species(String label) {
    for (Species species : Species.values()) {
      if (species.label().equals(label)) {
        return species;
      }
    }
    throw new IllegalArgumentException("unknown species " + label + "; one of "
        + Arrays.stream(Species.values()).map(Species::label).collect(Collectors.joining(", ")));
  }
}
