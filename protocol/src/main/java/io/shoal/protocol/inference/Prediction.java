package io.shoal.protocol.inference;

import io.shoal.protocol.CborSerializable;
import java.util.List;

/**
 * What the model saw in one frame. Labels come from the model's manifest, never from code.
 *
 * @param modelVersion    the manifest's {@code name:version} that produced this prediction
 * @param fishPresent     false when the species head's top label is the manifest's no-fish label
 * @param species         the top species label (the no-fish label when {@code fishPresent} is false)
 * @param condition       the top condition label; meaningless when no fish is present
 * @param speciesScores   every species label with its probability, in manifest order
 * @param conditionScores every condition label with its probability, in manifest order
 */
public record Prediction(
    String modelVersion,
    boolean fishPresent,
    LabelScore species,
    LabelScore condition,
    List<LabelScore> speciesScores,
    List<LabelScore> conditionScores)
    implements CborSerializable {

  public Prediction {
    speciesScores = List.copyOf(speciesScores);
    conditionScores = List.copyOf(conditionScores);
  }
}
