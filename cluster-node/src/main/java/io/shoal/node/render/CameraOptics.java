package io.shoal.node.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** What water and a camera do to the picture: haze, defocus, sensor noise, JPEG compression. */
final class CameraOptics {

  /** Starting buffer for an encoded 640×480 frame; it grows when needed. */
  private static final int TYPICAL_JPEG_BYTES = 64 * 1024;

  private CameraOptics() {}

  /** Suspended matter scatters light: blend the whole frame towards the water colour. */
  static void haze(Graphics2D g, int width, int height, Color water, double turbidity) {
    g.setColor(Dice.withAlpha(water, turbidity));
    g.fillRect(0, 0, width, height);
  }

  /**
   * Defocus: shrink by {@code 1 + sigma} and enlarge back with bilinear filtering. Close enough to a Gaussian of
   * that sigma for a camera out of focus, and about ten times cheaper than a convolution at 640×480.
   */
  static BufferedImage blur(BufferedImage image, double sigma) {
    if (sigma < 0.5) {
      return image;
    }
    int width = image.getWidth();
    int height = image.getHeight();
    int smallWidth = Math.max(1, (int) Math.round(width / (1 + sigma)));
    int smallHeight = Math.max(1, (int) Math.round(height / (1 + sigma)));
    BufferedImage small = new BufferedImage(smallWidth, smallHeight, BufferedImage.TYPE_INT_RGB);
    drawScaled(image, small);
    BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    drawScaled(small, result);
    return result;
  }

  private static void drawScaled(BufferedImage from, BufferedImage to) {
    Graphics2D g = to.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(from, 0, 0, to.getWidth(), to.getHeight(), null);
    } finally {
      g.dispose();
    }
  }

  /**
   * Adds per-channel sensor noise in place; the image must be TYPE_INT_RGB. Draws come from a table of standard
   * normal quantiles indexed by random bits, so a frame costs a few random longs per pixel instead of many doubles.
   */
  static void noise(BufferedImage image, Dice dice, double deviation) {
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int[] table = NoiseTable.scaled(deviation);
    for (int i = 0; i < pixels.length; i++) {
      long bits = dice.bits();
      int rgb = pixels[i];
      int r = Dice.clamp(((rgb >> 16) & 0xFF) + table[(int) (bits & NoiseTable.MASK)]);
      int gr = Dice.clamp(((rgb >> 8) & 0xFF) + table[(int) ((bits >>> NoiseTable.BITS) & NoiseTable.MASK)]);
      int b = Dice.clamp((rgb & 0xFF) + table[(int) ((bits >>> (2 * NoiseTable.BITS)) & NoiseTable.MASK)]);
      pixels[i] = (r << 16) | (gr << 8) | b;
    }
  }

  static byte[] encodeJpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(TYPICAL_JPEG_BYTES);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
