package io.shoal.node.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/** The water around the fish: colour gradient, light shafts, pen net, floor, particles and distant fish. */
final class Backdrop {

  private final int width;
  private final int height;
  private final Color top;
  private final Color bottom;

  Backdrop(int width, int height, Dice dice) {
    this.width = width;
    this.height = height;
    this.top = new Color(dice.between(30, 90), dice.between(100, 160), dice.between(110, 170));
    this.bottom = new Color(dice.between(6, 30), dice.between(30, 70), dice.between(44, 90));
  }

  /** Colour of the water at mid depth, used for haze and distant shapes. */
  Color midWater() {
    return Dice.blend(top, bottom, 0.5);
  }

  void paintWater(Graphics2D g) {
    g.setPaint(new GradientPaint(0, 0, top, 0, height, bottom));
    g.fillRect(0, 0, width, height);
  }

  void paintLightShafts(Graphics2D g, Dice dice) {
    int shafts = dice.between(0, 4);
    for (int i = 0; i < shafts; i++) {
      double x = dice.uniform(-0.2, 1.0) * width;
      double topWidth = dice.uniform(0.03, 0.12) * width;
      double slant = dice.uniform(0.05, 0.35) * width;
      Path2D shaft = new Path2D.Double();
      shaft.moveTo(x, 0);
      shaft.lineTo(x + topWidth, 0);
      shaft.lineTo(x + topWidth * 2.2 + slant, height);
      shaft.lineTo(x + slant, height);
      shaft.closePath();
      g.setPaint(new GradientPaint(0, 0, Dice.withAlpha(Color.WHITE, dice.uniform(0.06, 0.18)),
          0, height, Dice.withAlpha(Color.WHITE, 0.0)));
      g.fill(shaft);
    }
  }

  /** The pen floor (net and settled debris) that dead fish sink to. */
  void paintFloor(Graphics2D g, Dice dice) {
    double floorTop = height * dice.uniform(0.72, 0.9);
    Color floor = Dice.blend(bottom, new Color(60, 62, 44), dice.uniform(0.3, 0.7));
    g.setPaint(new GradientPaint(0, (float) floorTop, Dice.withAlpha(floor, 0.0), 0, height, floor));
    g.fillRect(0, (int) floorTop, width, height - (int) floorTop);
  }

  /** Diamond net mesh; behind the fish it is the pen wall, in front it is the camera looking through the net. */
  void paintMesh(Graphics2D g, Dice dice, double minAlpha, double maxAlpha) {
    double spacing = dice.uniform(22, 60);
    double angle = dice.uniform(0.6, 0.95);
    g.setStroke(new BasicStroke((float) dice.uniform(1.0, 3.0)));
    g.setColor(Dice.withAlpha(dice.jitter(new Color(40, 52, 44), 16), dice.uniform(minAlpha, maxAlpha)));
    AffineTransform saved = g.getTransform();
    g.translate(width / 2.0, height / 2.0);
    double reach = Math.hypot(width, height);
    for (int direction = -1; direction <= 1; direction += 2) {
      g.rotate(direction * angle);
      for (double offset = -reach; offset <= reach; offset += spacing) {
        g.draw(new Line2D.Double(offset, -reach, offset, reach));
      }
      g.rotate(-direction * angle);
    }
    g.setTransform(saved);
  }

  /** Marine snow and feed pellets. */
  void paintParticles(Graphics2D g, Dice dice, int count, double maxSize) {
    for (int i = 0; i < count; i++) {
      double size = dice.uniform(0.8, maxSize);
      int level = dice.between(150, 235);
      g.setColor(new Color(level, level, Math.max(0, level - dice.between(0, 40)), dice.between(60, 200)));
      g.fill(new Ellipse2D.Double(dice.uniform(0, width), dice.uniform(0, height), size, size));
    }
  }

  /** Fish far away in murky water: small, dim, no detail. Scenery, not the fish a frame is labelled with. */
  void paintDistantFish(Graphics2D g, Dice dice, int count) {
    for (int i = 0; i < count; i++) {
      double length = dice.uniform(0.04, 0.12) * width;
      AffineTransform saved = g.getTransform();
      g.translate(dice.uniform(0, width), dice.uniform(0.1, 0.8) * height);
      g.rotate(dice.gaussian(0.2));
      g.scale(length * (dice.chance(0.5) ? -1 : 1), length);
      FishBody body = new FishBody(dice.uniform(0.22, 0.45));
      g.setColor(Dice.withAlpha(Dice.blend(midWater(), Color.BLACK, dice.uniform(0.1, 0.35)), dice.uniform(0.3, 0.6)));
      g.fill(body.trunk());
      g.fill(body.tail(1.0, 0.0, dice));
      g.setTransform(saved);
    }
  }

  /** Something close to the lens and out of focus (a passing fish, a rope) covering part of the view. */
  void paintForegroundOccluder(Graphics2D g, Dice dice) {
    g.setColor(Dice.withAlpha(Dice.blend(bottom, Color.BLACK, 0.4), dice.uniform(0.55, 0.85)));
    if (dice.chance(0.5)) {
      g.setStroke(new BasicStroke((float) dice.uniform(0.03, 0.08) * width, BasicStroke.CAP_ROUND,
          BasicStroke.JOIN_ROUND));
      double x = dice.uniform(0.0, 1.0) * width;
      g.draw(new Line2D.Double(x, -10, x + dice.uniform(-0.4, 0.4) * width, height + 10));
      return;
    }
    double length = dice.uniform(0.6, 1.1) * width;
    AffineTransform saved = g.getTransform();
    boolean leftEdge = dice.chance(0.5);
    g.translate(leftEdge ? -0.25 * length : width + 0.25 * length, dice.uniform(0.0, 1.0) * height);
    g.rotate(dice.gaussian(0.3));
    g.scale(length * (leftEdge ? 1 : -1), length);
    g.fill(new FishBody(dice.uniform(0.2, 0.35)).trunk());
    g.setTransform(saved);
  }
}
