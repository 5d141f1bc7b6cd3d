package io.shoal.node.inference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small synthetic images for tests, encoded with ImageIO. */
final class TestImages {

  static final int FRAME_WIDTH = 640;
  static final int FRAME_HEIGHT = 480;

  private TestImages() {}

  /** A smooth, seed-dependent 640x480 RGB frame (smooth so JPEG keeps it close to the original). */
  static BufferedImage frame(long seed) {
    Random random = new Random(seed);
    double fx = 0.005 + random.nextDouble() * 0.02;
    double fy = 0.005 + random.nextDouble() * 0.02;
    int base = random.nextInt(128);
    BufferedImage image = new BufferedImage(FRAME_WIDTH, FRAME_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < FRAME_HEIGHT; y++) {
      for (int x = 0; x < FRAME_WIDTH; x++) {
        int r = base + (int) (60 * (1 + Math.sin(x * fx)));
        int g = base / 2 + (int) (60 * (1 + Math.cos(y * fy)));
        int b = (int) (120 * (1 + Math.sin((x + y) * fx * fy * 10)));
        image.setRGB(x, y, (clamp(r) << 16) | (clamp(g) << 8) | clamp(b));
      }
    }
    return image;
  }

  static byte[] jpeg(long seed) {
    return encode(frame(seed), "jpeg");
  }

  static byte[] png(long seed) {
    return encode(frame(seed), "png");
  }

  static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format + " / type " + image.getType());
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
