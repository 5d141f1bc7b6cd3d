package io.shoal.persistence.readmodel;

import com.typesafe.config.Config;

/**
 * Bounds of the read-model queries ({@code shoal.read-models}): no caller, however it asks, gets more rows than
 * {@code maxPageSize} from one query, so a response and the memory behind it stay bounded.
 */
public record ReadModelLimits(int maxPageSize) {

  public ReadModelLimits {
    if (maxPageSize < 1) {
      throw new IllegalArgumentException("shoal.read-models.max-page-size must be >= 1, was " + maxPageSize);
    }
  }

  public static ReadModelLimits fromConfig(Config root) {
    return new ReadModelLimits(root.getInt("shoal.read-models.max-page-size"));
  }

  /** {@code requested} clamped to 1..maxPageSize. */
  int rows(int requested) {
    if (requested < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + requested);
    }
    return Math.min(requested, maxPageSize);
  }
}
