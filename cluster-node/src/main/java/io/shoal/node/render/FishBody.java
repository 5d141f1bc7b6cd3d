package io.shoal.node.render;

import java.awt.geom.Path2D;

/**
 * Outline geometry of a fish in unit coordinates: length 1 along x (nose at +0.47, tail tips near -0.5),
 * y pointing down towards the belly, depth {@code depth} as a fraction of the length.
 */
final class FishBody {

  /** Where the body narrows into the tail. */
  static final double PEDUNCLE_X = -0.33;
  static final double NOSE_X = 0.47;
  static final double EYE_X = 0.36;

  private final double depth;

  FishBody(double depth) {
    this.depth = depth;
  }

  double depth() {
    return depth;
  }

  double halfDepth() {
    return depth / 2;
  }

  double eyeY() {
    return -0.12 * depth;
  }

  double eyeRadius() {
    return 0.022 + 0.02 * depth;
  }

  /** The trunk, without fins. */
  Path2D trunk() {
    double h = halfDepth();
    double peduncle = 0.16 * h;
    Path2D path = new Path2D.Double();
    path.moveTo(NOSE_X, 0.0);
    path.curveTo(0.43, -0.75 * h, 0.22, -1.02 * h, 0.02, -h);
    path.curveTo(-0.14, -0.95 * h, -0.26, -0.45 * h, PEDUNCLE_X, -peduncle);
    path.lineTo(PEDUNCLE_X, peduncle);
    path.curveTo(-0.25, 0.42 * h, -0.1, 1.0 * h, 0.06, h);
    path.curveTo(0.25, 0.98 * h, 0.43, 0.6 * h, NOSE_X, 0.0);
    path.closePath();
    return path;
  }

  /**
   * The caudal fin.
   *
   * @param lengthFactor 1 for an intact tail; damaged tails are shorter
   * @param raggedness   0 for a clean fork; larger values notch the trailing edge
   */
  Path2D tail(double lengthFactor, double raggedness, Dice dice) {
    double h = halfDepth();
    double span = Math.max(0.55 * h, 0.11);
    double length = 0.17 * lengthFactor;
    double tipX = PEDUNCLE_X - length;
    double forkX = PEDUNCLE_X - length * 0.55;
    Path2D path = new Path2D.Double();
    path.moveTo(PEDUNCLE_X + 0.02, -0.14 * h);
    path.lineTo(tipX, -span * (0.35 + 0.65 * lengthFactor));
    raggedEdge(path, tipX, -span * (0.35 + 0.65 * lengthFactor), forkX, 0.0, raggedness, dice);
    raggedEdge(path, forkX, 0.0, tipX, span * (0.35 + 0.65 * lengthFactor), raggedness, dice);
    path.lineTo(PEDUNCLE_X + 0.02, 0.14 * h);
    path.closePath();
    return path;
  }

  private static void raggedEdge(
      Path2D path, double x0, double y0, double x1, double y1, double raggedness, Dice dice) {
    int notches = raggedness > 0 ? dice.between(3, 6) : 1;
    for (int i = 1; i <= notches; i++) {
      double t = (double) i / notches;
      double x = x0 + (x1 - x0) * t;
      double y = y0 + (y1 - y0) * t;
      if (i < notches && raggedness > 0) {
        x += dice.uniform(0.0, raggedness);
        y += dice.gaussian(raggedness * 0.3);
      }
      path.lineTo(x, y);
    }
  }

  /**
   * A fin standing on the back (negative y) between two x positions. Its base follows the outline, sunk a little
   * into the trunk (which is painted over it) so no gap shows.
   */
  Path2D dorsalFin(double fromX, double toX, double height, double raggedness, Dice dice) {
    double frontBase = -0.8 * halfDepth() * spineRatio(fromX);
    double backBase = -0.8 * halfDepth() * spineRatio(toX);
    double frontTop = -halfDepth() * spineRatio(fromX) - height;
    double backTop = -halfDepth() * spineRatio(toX) - height * 0.25;
    Path2D path = new Path2D.Double();
    path.moveTo(fromX, frontBase);
    path.lineTo(fromX - 0.01, frontTop);
    raggedEdge(path, fromX - 0.01, frontTop, toX, backTop, raggedness, dice);
    path.lineTo(toX, backBase);
    path.closePath();
    return path;
  }

  /** A fin hanging from the belly (positive y). */
  Path2D ventralFin(double fromX, double toX, double height) {
    double frontBase = 0.8 * halfDepth() * spineRatio(fromX);
    double backBase = 0.8 * halfDepth() * spineRatio(toX);
    double tipY = halfDepth() * spineRatio(toX) + height;
    Path2D path = new Path2D.Double();
    path.moveTo(fromX, frontBase);
    path.lineTo(toX - 0.015, tipY);
    path.lineTo(toX, backBase);
    path.closePath();
    return path;
  }

  /** Pectoral fin behind the gill cover. */
  Path2D pectoralFin() {
    double h = halfDepth();
    Path2D path = new Path2D.Double();
    path.moveTo(0.27, 0.15 * h);
    path.lineTo(0.16, 0.35 * h + 0.03);
    path.lineTo(0.2, 0.2 * h);
    path.closePath();
    return path;
  }

  /** Rough fraction of full depth at position x, so fins sit on the outline. */
  static double spineRatio(double x) {
    if (x > 0.02) {
      return Math.max(0.2, 1.0 - Math.pow((x - 0.02) / 0.45, 2));
    }
    return Math.max(0.2, 1.0 - Math.pow((0.02 - x) / 0.38, 1.6));
  }
}
