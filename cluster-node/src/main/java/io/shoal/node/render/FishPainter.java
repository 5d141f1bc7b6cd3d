package io.shoal.node.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;

/** Paints one fish of a given species and condition at a pose. Geometry is in {@link FishBody} units. */
final class FishPainter {

  private FishPainter() {}

  static void paint(Graphics2D g, Species species, Condition condition, FishPose pose, Dice dice) {
    AffineTransform saved = g.getTransform();
    Shape savedClip = g.getClip();
    g.translate(pose.centerX(), pose.centerY());
    g.rotate(pose.angle());
    g.scale(pose.length() * (pose.facingLeft() ? -1 : 1), pose.length() * (pose.bellyUp() ? -1 : 1));

    FishBody body = new FishBody(species.bodyDepth() * dice.uniform(0.9, 1.1));
    boolean dead = condition == Condition.DEAD;
    double fade = dead ? dice.uniform(0.3, 0.75) : 0.0;
    SpeciesLook look = dead ? SpeciesLook.of(species, dice).faded(fade) : SpeciesLook.of(species, dice);

    paintFins(g, species, condition, body, look, dice);
    Path2D trunk = body.trunk();
    double h = body.halfDepth();
    g.setPaint(new LinearGradientPaint(new Point2D.Double(0, -h), new Point2D.Double(0, h),
        new float[] {0f, 0.38f, 0.62f, 1f}, new Color[] {look.back(), look.flank(), look.flank(), look.belly()}));
    g.fill(trunk);

    g.clip(trunk);
    look.paintMarkings(g, body, dice, fade);
    look.paintLateralLine(g, body);
    if (condition != Condition.LESION && condition != Condition.SEA_LICE && dice.chance(0.3)) {
      ConditionMarks.harmlessMarks(g, body, dice);
    }
    if (condition == Condition.LESION) {
      ConditionMarks.lesions(g, body, dice);
    } else if (condition == Condition.SEA_LICE) {
      ConditionMarks.seaLice(g, body, dice);
    }
    paintHead(g, body, look, dead);
    g.setClip(savedClip);
    g.setColor(Dice.withAlpha(look.fin(), 0.85));
    g.fill(body.pectoralFin());
    g.setTransform(saved);
  }

  private static void paintFins(
      Graphics2D g, Species species, Condition condition, FishBody body, SpeciesLook look, Dice dice) {
    boolean damaged = condition == Condition.FIN_DAMAGE;
    double tailLength = damaged ? dice.uniform(0.25, 0.6) : dice.uniform(0.85, 1.1);
    double tailRagged = damaged ? dice.uniform(0.03, 0.06) : 0.0;
    double dorsalRagged = damaged && dice.chance(0.5) ? dice.uniform(0.01, 0.025) : 0.0;
    double dorsalScale = dorsalRagged > 0 ? dice.uniform(0.5, 0.75) : 1.0;

    Color fin = Dice.withAlpha(look.fin(), 0.88);
    Path2D tail = body.tail(tailLength, tailRagged, dice);
    g.setColor(fin);
    g.fill(tail);
    if (species == Species.RAINBOW_TROUT) {
      Shape clip = g.getClip();
      g.clip(tail);
      g.setColor(new Color(24, 22, 18));
      for (int i = 0; i < 10; i++) {
        double r = dice.uniform(0.004, 0.007);
        g.fill(new Ellipse2D.Double(dice.uniform(-0.5, -0.34), dice.uniform(-0.15, 0.15), 2 * r, 2 * r));
      }
      g.setClip(clip);
    }
    if (damaged) {
      // Frayed, inflamed edges where the fin was torn.
      g.setStroke(new BasicStroke(0.006f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.setColor(Dice.withAlpha(dice.jitter(new Color(214, 150, 150), 16), 0.7));
      g.draw(tail);
    }

    g.setColor(fin);
    for (double[] dorsal : dorsalFins(species)) {
      g.fill(body.dorsalFin(dorsal[0], dorsal[1], dorsal[2] * dorsalScale, dorsalRagged, dice));
    }
    for (double[] ventral : ventralFins(species)) {
      g.fill(body.ventralFin(ventral[0], ventral[1], ventral[2]));
    }
  }

  /** Each row: front x, back x, height (body lengths). */
  private static double[][] dorsalFins(Species species) {
    return switch (species) {
      case ATLANTIC_SALMON, RAINBOW_TROUT -> new double[][] {{0.08, -0.08, 0.09}, {-0.2, -0.24, 0.025}};
      case NILE_TILAPIA -> new double[][] {{0.24, -0.25, 0.1}};
      case EUROPEAN_SEABASS -> new double[][] {{0.13, -0.02, 0.09}, {-0.06, -0.2, 0.07}};
      case GILTHEAD_SEABREAM -> new double[][] {{0.2, -0.26, 0.09}};
    };
  }

  private static double[][] ventralFins(Species species) {
    return switch (species) {
      case ATLANTIC_SALMON, RAINBOW_TROUT -> new double[][] {{0.0, -0.06, 0.05}, {-0.16, -0.24, 0.05}};
      case NILE_TILAPIA -> new double[][] {{0.18, 0.1, 0.07}, {-0.1, -0.26, 0.08}};
      case EUROPEAN_SEABASS -> new double[][] {{0.15, 0.08, 0.06}, {-0.12, -0.24, 0.06}};
      case GILTHEAD_SEABREAM -> new double[][] {{0.15, 0.08, 0.07}, {-0.05, -0.26, 0.07}};
    };
  }

  private static void paintHead(Graphics2D g, FishBody body, SpeciesLook look, boolean dead) {
    double h = body.halfDepth();
    g.setStroke(new BasicStroke(0.004f));
    g.setColor(Dice.withAlpha(Dice.blend(look.flank(), look.back(), 0.7), 0.7));
    g.draw(new Arc2D.Double(0.18, -0.8 * h, 0.16, 1.6 * h, -70, 140, Arc2D.OPEN));
    double r = body.eyeRadius();
    double ex = FishBody.EYE_X;
    double ey = body.eyeY();
    g.setColor(dead ? new Color(196, 198, 196) : new Color(222, 214, 170));
    g.fill(new Ellipse2D.Double(ex - r, ey - r, 2 * r, 2 * r));
    // A dead fish's eye clouds over; a live one has a dark pupil.
    g.setColor(dead ? new Color(150, 156, 158) : new Color(12, 12, 14));
    double pupil = r * 0.62;
    g.fill(new Ellipse2D.Double(ex - pupil, ey - pupil, 2 * pupil, 2 * pupil));
  }
}
