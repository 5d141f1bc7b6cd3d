package io.shoal.node.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Renders labelled underwater camera frames, deterministically from a seed: the same seed and truth always give
 * the same JPEG bytes. Feeds the training set, the held-out tests and the camera simulator.
 */
public final class FrameRenderer {

  public static final int DEFAULT_WIDTH = 640;
  public static final int DEFAULT_HEIGHT = 480;

  /** Mixed into the seed when the renderer also picks the truth, so truth and scenery draws are independent. */
  private static final long TRUTH_SALT = 0x5EA1_F15A_B1E5L;

  private final int width;
  private final int height;

  public FrameRenderer() {
    this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  public FrameRenderer(int width, int height) {
    if (width < 64 || height < 48) {
      throw new IllegalArgumentException("frames must be at least 64×48, got " + width + "×" + height);
    }
    this.width = width;
    this.height = height;
  }

  /** A frame whose content is drawn from {@code mix}. */
  public RenderedFrame render(long seed, LabelMix mix) {
    return render(seed, mix.draw(new Dice(seed ^ TRUTH_SALT)));
  }

  /** A frame showing exactly {@code truth}. */
  public RenderedFrame render(long seed, FrameTruth truth) {
    Dice dice = new Dice(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      Backdrop backdrop = new Backdrop(width, height, dice);
      backdrop.paintWater(g);
      backdrop.paintLightShafts(g, dice);
      if (dice.chance(0.5)) {
        backdrop.paintFloor(g, dice);
      }
      if (dice.chance(0.5)) {
        backdrop.paintMesh(g, dice, 0.15, 0.45);
      }
      backdrop.paintDistantFish(g, dice, dice.chance(0.5) ? dice.between(1, 5) : 0);
      backdrop.paintParticles(g, dice, dice.between(20, 200), 2.5);
      if (truth.fishPresent()) {
        Condition condition = truth.condition().orElseThrow();
        FishPainter.paint(g, truth.species().orElseThrow(), condition, pose(condition, dice), dice);
      }
      if (dice.chance(0.3)) {
        backdrop.paintForegroundOccluder(g, dice);
      }
      if (dice.chance(0.15)) {
        backdrop.paintMesh(g, dice, 0.1, 0.3);
      }
      backdrop.paintParticles(g, dice, dice.between(0, 40), 5.0);
      CameraOptics.haze(g, width, height, backdrop.midWater(), dice.uniform(0.0, 0.55));
    } finally {
      g.dispose();
    }
    BufferedImage blurred = CameraOptics.blur(image, dice.uniform(0.3, 2.5));
    CameraOptics.noise(blurred, dice, dice.uniform(1.5, 10.0));
    byte[] jpeg = CameraOptics.encodeJpeg(blurred, (float) dice.uniform(0.7, 0.92));
    return new RenderedFrame(jpeg, truth, seed);
  }

  /**
   * Places the fish so its tail stays in frame (fin damage must be visible) while the head may be cut by the edge.
   * Dead fish mostly lie belly-up near the floor, but not always: no single cue gives them away.
   */
  private FishPose pose(Condition condition, Dice dice) {
    double length = width * dice.uniform(0.3, 0.75);
    boolean facingLeft = dice.chance(0.5);
    double tailMargin = 0.03 * width + 0.5 * length;
    double noseLimit = width - 0.3 * length;
    double along = dice.uniform(tailMargin, Math.max(tailMargin, noseLimit));
    double centerX = facingLeft ? width - along : along;
    boolean dead = condition == Condition.DEAD;
    boolean bellyUp = dead && dice.chance(0.65);
    double centerY = dead && dice.chance(0.7)
        ? height * dice.uniform(0.62, 0.88)
        : height * dice.uniform(0.25, 0.88);
    double angle = Math.max(-0.6, Math.min(0.6, dice.gaussian(dead ? 0.25 : 0.18)));
    return new FishPose(centerX, centerY, length, angle, facingLeft, bellyUp);
  }
}
