package io.shoal.node.inference;

import io.shoal.protocol.inference.Prediction;
import java.util.Map;
import java.util.TreeMap;

/** Counts a model's hits against ground truth: species and condition on fish frames, and no-fish recall. */
final class ClassificationTally {

  private final String noFishLabel;
  private final Map<String, int[]> speciesHitsAndTotals = new TreeMap<>();
  private final Map<String, int[]> conditionHitsAndTotals = new TreeMap<>();
  private int fishFrames;
  private int speciesHits;
  private int conditionHits;
  private int noFishFrames;
  private int noFishHits;

  ClassificationTally(String noFishLabel) {
    this.noFishLabel = noFishLabel;
  }

  void add(String trueSpecies, String trueCondition, Prediction predicted) {
    if (trueSpecies.equals(noFishLabel)) {
      noFishFrames++;
      noFishHits += predicted.fishPresent() ? 0 : 1;
      return;
    }
    fishFrames++;
    boolean speciesHit = predicted.species().label().equals(trueSpecies);
    boolean conditionHit = predicted.condition().label().equals(trueCondition);
    speciesHits += speciesHit ? 1 : 0;
    conditionHits += conditionHit ? 1 : 0;
    count(speciesHitsAndTotals, trueSpecies, speciesHit);
    count(conditionHitsAndTotals, trueCondition, conditionHit);
  }

  private static void count(Map<String, int[]> tallies, String label, boolean hit) {
    int[] tally = tallies.computeIfAbsent(label, l -> new int[2]);
    tally[0] += hit ? 1 : 0;
    tally[1]++;
  }

  int fishFrames() {
    return fishFrames;
  }

  int noFishFrames() {
    return noFishFrames;
  }

  double speciesAccuracy() {
    return (double) speciesHits / fishFrames;
  }

  double conditionAccuracy() {
    return (double) conditionHits / fishFrames;
  }

  double noFishRecall() {
    return (double) noFishHits / noFishFrames;
  }

  String report() {
    StringBuilder out = new StringBuilder(String.format(
        "fish frames %d: species accuracy %.3f, condition accuracy %.3f; no-fish frames %d: recall %.3f%n",
        fishFrames, speciesAccuracy(), conditionAccuracy(), noFishFrames, noFishRecall()));
    speciesHitsAndTotals.forEach((label, t) -> out.append(String.format("  species   %-20s recall %d/%d%n", label, t[0], t[1])));
    conditionHitsAndTotals.forEach((label, t) -> out.append(String.format("  condition %-20s recall %d/%d%n", label, t[0], t[1])));
    return out.toString();
  }
}
