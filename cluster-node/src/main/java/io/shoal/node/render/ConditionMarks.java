package io.shoal.node.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;

/**
 * Skin marks of the conditions that show on the trunk (lesions, sea lice), in unit fish coordinates.
 * Sizes are fractions of body length, chosen to stay visible after the shrink to the model's input.
 */
final class ConditionMarks {

  private ConditionMarks() {}

  /** Red ulcers: a pink halo, a red core and sometimes a dark necrotic centre. */
  static void lesions(Graphics2D g, FishBody body, Dice dice) {
    int count = dice.between(1, 3);
    double h = body.halfDepth();
    for (int i = 0; i < count; i++) {
      double x = dice.uniform(-0.24, 0.28);
      double limit = 0.7 * h * FishBody.spineRatio(x);
      double y = dice.uniform(-limit, limit);
      double rx = dice.uniform(0.02, 0.045);
      double ry = rx * dice.uniform(0.6, 1.0);
      g.setColor(Dice.withAlpha(dice.jitter(new Color(214, 120, 124), 14), 0.65));
      g.fill(ellipse(x, y, rx * 1.35, ry * 1.35));
      g.setColor(dice.jitter(new Color(176, 34, 42), 18));
      g.fill(ellipse(x, y, rx, ry));
      if (dice.chance(0.5)) {
        g.setColor(Dice.withAlpha(new Color(90, 24, 28), 0.8));
        g.fill(ellipse(x, y, rx * 0.45, ry * 0.45));
      }
    }
  }

  /**
   * Sea lice: brown oval parasites clustered behind the head and along the back, the larger ones trailing a
   * pair of egg strings towards the tail (that trail is what tells a louse from a salmon spot).
   */
  static void seaLice(Graphics2D g, FishBody body, Dice dice) {
    int count = dice.between(4, 14);
    double h = body.halfDepth();
    for (int i = 0; i < count; i++) {
      boolean nearHead = dice.chance(0.55);
      double x = nearHead ? dice.uniform(0.14, 0.33) : dice.uniform(-0.24, 0.14);
      double limit = h * FishBody.spineRatio(x);
      double y = nearHead ? dice.uniform(-0.75 * limit, 0.2 * limit) : dice.uniform(-0.85 * limit, -0.45 * limit);
      double length = dice.uniform(0.02, 0.03);
      Color shell = dice.jitter(new Color(132, 88, 44), 14);
      if (dice.chance(0.75)) {
        g.setStroke(new BasicStroke((float) (length * 0.22), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(Dice.withAlpha(dice.jitter(new Color(92, 62, 70), 12), 0.85));
        double trail = length * dice.uniform(1.1, 1.6);
        double spread = length * 0.25;
        g.draw(new Line2D.Double(x - length / 2, y - spread / 2, x - length / 2 - trail, y - spread));
        g.draw(new Line2D.Double(x - length / 2, y + spread / 2, x - length / 2 - trail, y + spread));
      }
      g.setColor(shell);
      g.fill(ellipse(x, y, length / 2, length * 0.32));
      g.setColor(Dice.withAlpha(new Color(52, 36, 24), 0.85));
      g.fill(ellipse(x + length * 0.1, y, length * 0.2, length * 0.14));
    }
  }

  /**
   * Marks a healthy fish has too: pale scale-loss scuffs and a few dark pigment specks without egg strings.
   * They keep "any blemish" from meaning "diseased".
   */
  static void harmlessMarks(Graphics2D g, FishBody body, Dice dice) {
    double h = body.halfDepth();
    int scuffs = dice.between(0, 2);
    for (int i = 0; i < scuffs; i++) {
      double x = dice.uniform(-0.2, 0.25);
      double r = dice.uniform(0.015, 0.035);
      g.setColor(Dice.withAlpha(new Color(236, 236, 232), dice.uniform(0.35, 0.6)));
      g.fill(ellipse(x, dice.uniform(-0.5, 0.5) * h * FishBody.spineRatio(x), r, r * 0.7));
    }
    int specks = dice.between(1, 3);
    g.setColor(Dice.withAlpha(new Color(40, 34, 30), 0.8));
    for (int i = 0; i < specks; i++) {
      double x = dice.uniform(-0.2, 0.3);
      double r = dice.uniform(0.005, 0.009);
      g.fill(ellipse(x, dice.uniform(-0.7, 0.3) * h * FishBody.spineRatio(x), r, r * 0.8));
    }
  }

  private static Ellipse2D ellipse(double cx, double cy, double rx, double ry) {
    return new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
  }
}
