package io.shoal.node.render;

/** The five farmed species the renderer draws, with the body depth (as a fraction of length) that shapes each. */
public enum Species {
  ATLANTIC_SALMON("atlantic_salmon", 0.24),
  RAINBOW_TROUT("rainbow_trout", 0.26),
  NILE_TILAPIA("nile_tilapia", 0.40),
  EUROPEAN_SEABASS("european_seabass", 0.27),
  GILTHEAD_SEABREAM("gilthead_seabream", 0.50);

  private final String label;
  private final double bodyDepth;

  Species(String label, double bodyDepth) {
    this.label = label;
    this.bodyDepth = bodyDepth;
  }

  /** The ground-truth label written to data sets; matches the model manifest's species labels. */
  public String label() {
    return label;
  }

  /** Body depth divided by body length, before per-fish jitter. */
  public double bodyDepth() {
    return bodyDepth;
  }
}
