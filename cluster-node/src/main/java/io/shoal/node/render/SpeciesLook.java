package io.shoal.node.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * Colours and markings that tell the species apart. Painted in unit fish coordinates, clipped to the trunk.
 * Each cue is sized to survive the 5× shrink to the model's input (a spot of 0.01 body lengths is ~1 input pixel).
 */
record SpeciesLook(Species species, Color back, Color flank, Color belly, Color fin) {

  static SpeciesLook of(Species species, Dice dice) {
    return switch (species) {
      case ATLANTIC_SALMON -> new SpeciesLook(species,
          dice.jitter(new Color(58, 78, 98), 14), dice.jitter(new Color(176, 186, 196), 14),
          dice.jitter(new Color(228, 230, 232), 10), dice.jitter(new Color(90, 100, 112), 12));
      case RAINBOW_TROUT -> new SpeciesLook(species,
          dice.jitter(new Color(86, 100, 62), 14), dice.jitter(new Color(178, 176, 150), 14),
          dice.jitter(new Color(226, 222, 206), 10), dice.jitter(new Color(120, 116, 90), 12));
      case NILE_TILAPIA -> new SpeciesLook(species,
          dice.jitter(new Color(88, 96, 76), 14), dice.jitter(new Color(136, 144, 120), 14),
          dice.jitter(new Color(184, 186, 170), 10), dice.jitter(new Color(110, 96, 84), 12));
      case EUROPEAN_SEABASS -> new SpeciesLook(species,
          dice.jitter(new Color(74, 78, 84), 12), dice.jitter(new Color(190, 194, 198), 12),
          dice.jitter(new Color(236, 238, 240), 8), dice.jitter(new Color(130, 134, 140), 12));
      case GILTHEAD_SEABREAM -> new SpeciesLook(species,
          dice.jitter(new Color(112, 120, 132), 12), dice.jitter(new Color(186, 190, 196), 12),
          dice.jitter(new Color(222, 224, 226), 8), dice.jitter(new Color(140, 140, 146), 12));
    };
  }

  /** The same look faded towards grey-white, as a dead fish loses its colour. */
  SpeciesLook faded(double amount) {
    Color pale = new Color(214, 212, 206);
    return new SpeciesLook(species, Dice.blend(back, pale, amount), Dice.blend(flank, pale, amount),
        Dice.blend(belly, pale, amount * 0.5), Dice.blend(fin, pale, amount));
  }

  /** Markings of the species; {@code fade} (0..1) washes them out on dead fish. */
  void paintMarkings(Graphics2D g, FishBody body, Dice dice, double fade) {
    double h = body.halfDepth();
    double markAlpha = 1.0 - 0.6 * fade;
    switch (species) {
      case ATLANTIC_SALMON -> spots(g, dice, dice.between(12, 24), -0.28, 0.30, -0.85 * h, -0.05 * h,
          0.0065, 0.0095, new Color(16, 18, 22), markAlpha, body);
      case RAINBOW_TROUT -> {
        g.setColor(Dice.withAlpha(dice.jitter(new Color(206, 96, 118), 16), 0.75 * markAlpha));
        g.fill(new Rectangle2D.Double(-0.4, -0.22 * h, 0.82, 0.44 * h));
        spots(g, dice, dice.between(35, 60), -0.34, 0.34, -0.95 * h, 0.45 * h,
            0.0045, 0.0075, new Color(24, 22, 18), markAlpha, body);
      }
      case NILE_TILAPIA -> {
        int bars = dice.between(6, 9);
        g.setColor(Dice.withAlpha(new Color(40, 44, 36), 0.5 * markAlpha));
        for (int i = 0; i < bars; i++) {
          double x = 0.26 - i * (0.56 / bars);
          g.fill(new Rectangle2D.Double(x - 0.018, -h, 0.036, 2 * h * dice.uniform(0.75, 0.95)));
        }
      }
      case EUROPEAN_SEABASS -> {
        g.setColor(Dice.withAlpha(new Color(40, 42, 46), 0.7 * markAlpha));
        g.fill(new Ellipse2D.Double(0.255, -0.3 * h, 0.035, 0.3 * h));
      }
      case GILTHEAD_SEABREAM -> {
        g.setStroke(new BasicStroke((float) (0.004)));
        g.setColor(Dice.withAlpha(new Color(96, 100, 108), 0.55 * markAlpha));
        for (int i = 1; i <= 6; i++) {
          double y = -h + i * (2 * h / 7);
          g.draw(new Line2D.Double(-0.3, y, 0.25, y));
        }
        g.setColor(Dice.withAlpha(new Color(44, 44, 52), 0.75 * markAlpha));
        g.fill(new Ellipse2D.Double(0.24, -0.42 * h, 0.045, 0.2 * h));
        // The gold band between the eyes that gives the gilthead its name.
        g.setStroke(new BasicStroke((float) (0.028), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(Dice.withAlpha(dice.jitter(new Color(226, 186, 60), 14), 0.95 * markAlpha));
        double eyeY = body.eyeY();
        g.draw(new Arc2D.Double(0.31, eyeY - 0.07, 0.12, 0.12, 60, 110, Arc2D.OPEN));
      }
    }
  }

  /** Lateral line: a thin darker stripe from gill to tail on every species. */
  void paintLateralLine(Graphics2D g, FishBody body) {
    g.setStroke(new BasicStroke(0.003f));
    g.setColor(Dice.withAlpha(Dice.blend(flank, back, 0.6), 0.6));
    g.draw(new Line2D.Double(FishBody.PEDUNCLE_X, -0.05 * body.halfDepth(), 0.27, -0.25 * body.halfDepth()));
  }

  private static void spots(Graphics2D g, Dice dice, int count, double minX, double maxX, double minY,
      double maxY, double minRadius, double maxRadius, Color color, double alpha, FishBody body) {
    g.setColor(Dice.withAlpha(color, alpha));
    for (int i = 0; i < count; i++) {
      double x = dice.uniform(minX, maxX);
      double limit = body.halfDepth() * FishBody.spineRatio(x);
      double y = dice.uniform(Math.max(minY, -limit), Math.min(maxY, limit));
      double r = dice.uniform(minRadius, maxRadius);
      g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }
  }
}
