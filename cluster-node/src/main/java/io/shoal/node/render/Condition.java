package io.shoal.node.render;

/** Health conditions the renderer can paint on a fish. */
public enum Condition {
  HEALTHY("healthy"),
  LESION("lesion"),
  SEA_LICE("sea_lice"),
  FIN_DAMAGE("fin_damage"),
  DEAD("dead");

  private final String label;

  Condition(String label) {
    this.label = label;
  }

  /** The ground-truth label written to data sets; matches the model manifest's condition labels. */
  public String label() {
    return label;
  }
}
