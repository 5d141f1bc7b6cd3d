package io.shoal.node.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pen's most recent fish assessments: at most {@code maxFrames}, none captured more than {@code maxAge} before the
 * newest. Frames without fish never enter. Ages are measured on capture time, not on the clock, so replaying the
 * journal rebuilds exactly the same window. Counts are kept incrementally: every query is O(labels).
 */
public final class AssessmentWindow {

  /** One fish frame as the model saw it. */
  public record Entry(Instant capturedAt, String species, String condition) {}

  private final int maxFrames;
  private final Duration maxAge;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final Map<String, Integer> speciesCounts = new HashMap<>();
  private final Map<String, Integer> conditionCounts = new HashMap<>();
  private Instant newest = Instant.MIN;

  public AssessmentWindow(int maxFrames, Duration maxAge) {
    if (maxFrames < 1 || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("a window needs room for a frame and a positive age");
    }
    this.maxFrames = maxFrames;
    this.maxAge = maxAge;
  }

  /**
   * Adds a frame and drops what falls out. A frame captured out of order is kept until it reaches the front;
   * cameras deliver in order per camera, so that is rare and short-lived.
   */
  public void add(Entry entry) {
    entries.addLast(entry);
    speciesCounts.merge(entry.species(), 1, Integer::sum);
    conditionCounts.merge(entry.condition(), 1, Integer::sum);
    if (entry.capturedAt().isAfter(newest)) {
      newest = entry.capturedAt();
    }
    Instant cutoff = newest.minus(maxAge);
    // Emptiness is checked: a late frame (older than the cut-off) whose newer predecessors were all evicted by
    // count is evicted too and leaves the window empty, rather than failing (in a pen's event handler, on replay).
    while (!entries.isEmpty() && (entries.size() > maxFrames || entries.peekFirst().capturedAt().isBefore(cutoff))) {
      Entry gone = entries.removeFirst();
      decrement(speciesCounts, gone.species());
      decrement(conditionCounts, gone.condition());
    }
  }

  /**
   * A window holding {@code entries} (oldest first, as {@link #entries()} gave them) whose newest capture time seen
   * was {@code newest} (null = none): restores a window from an entity snapshot exactly as it was.
   */
  public static AssessmentWindow restore(int maxFrames, Duration maxAge, List<Entry> entries, Instant newest) {
    AssessmentWindow window = new AssessmentWindow(maxFrames, maxAge);
    entries.forEach(window::add);
    if (newest != null && newest.isAfter(window.newest)) {
      window.newest = newest;
    }
    return window;
  }

  /** The window's frames, oldest first. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The newest capture time this window has seen, or null when it never saw a frame. */
  public Instant newest() {
    return newest.equals(Instant.MIN) ? null : newest;
  }

  public int size() {
    return entries.size();
  }

  /** Share of the window's fish frames showing {@code condition}; 0 for an empty window. */
  public double prevalence(String condition) {
    return entries.isEmpty() ? 0.0 : (double) conditionCounts.getOrDefault(condition, 0) / entries.size();
  }

  /** Share of each species among the window's fish frames, by label. */
  public Map<String, Double> speciesMix() {
    Map<String, Double> mix = new TreeMap<>();
    speciesCounts.forEach((species, count) -> mix.put(species, (double) count / entries.size()));
    return mix;
  }

  private static void decrement(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
  }
}
