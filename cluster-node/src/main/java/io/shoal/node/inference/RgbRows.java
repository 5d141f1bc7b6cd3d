package io.shoal.node.inference;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;

/**
 * Reads a decoded image row by row as 8-bit R, G, B, straight from the raster's backing array for the layouts
 * ImageIO produces (3/4-byte interleaved, gray, packed int), and through one bulk {@code getRGB} per row otherwise.
 *
 * <p>Like Pillow's {@code convert("RGB")}, the raw stored values are used: gray is replicated to R=G=B, alpha is
 * dropped and embedded colour profiles are ignored. (AWT's {@code getRGB} would instead treat gray as linear and
 * re-encode it, which is not what the trainer saw.)
 */
final class RgbRows {

  private static final int BYTE_MASK = 0xFF;
  private static final int BITS_8 = 8;
  private static final int RED_SHIFT = 16;
  private static final int GREEN_SHIFT = 8;
  private static final int RGB = 3;

  private RgbRows() {}

  static BoxResampler.Rows of(BufferedImage image) {
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    if (raster.getDataBuffer() instanceof DataBufferByte bytes
        && raster.getSampleModel() instanceof ComponentSampleModel sm
        && cm instanceof ComponentColorModel
        && !cm.isAlphaPremultiplied()
        && Arrays.stream(sm.getSampleSize()).allMatch(bits -> bits == BITS_8)
        && Arrays.stream(sm.getBankIndices()).allMatch(bank -> bank == 0)) {
      int colorType = cm.getColorSpace().getType();
      if (colorType == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == RGB) {
        return interleavedBytes(image, raster, bytes, sm, false);
      }
      if (colorType == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
        return interleavedBytes(image, raster, bytes, sm, true);
      }
    }
    if (raster.getDataBuffer() instanceof DataBufferInt ints
        && raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm
        && cm instanceof DirectColorModel
        && !cm.isAlphaPremultiplied()
        && isEightBitChannel(sm, 0) && isEightBitChannel(sm, 1) && isEightBitChannel(sm, 2)) {
      return packedInts(image, raster, ints, sm);
    }
    return viaGetRgb(image);
  }

  private static BoxResampler.Rows interleavedBytes(BufferedImage image, Raster raster, DataBufferByte buffer,
      ComponentSampleModel sm, boolean gray) {
    byte[] data = buffer.getData();
    int width = image.getWidth();
    int pixelStride = sm.getPixelStride();
    int scanline = sm.getScanlineStride();
    int[] band = sm.getBandOffsets();
    int r = band[0];
    int g = gray ? band[0] : band[1];
    int b = gray ? band[0] : band[2];
    // Where image pixel (0, 0) sits in the array (non-zero only for sub-images).
    int origin = buffer.getOffset() - raster.getSampleModelTranslateY() * scanline
        - raster.getSampleModelTranslateX() * pixelStride;
    return (y, rgb) -> {
      int p = origin + y * scanline;
      for (int x = 0, o = 0; x < width; x++, o += RGB, p += pixelStride) {
        rgb[o] = data[p + r] & BYTE_MASK;
        rgb[o + 1] = data[p + g] & BYTE_MASK;
        rgb[o + 2] = data[p + b] & BYTE_MASK;
      }
    };
  }

  private static BoxResampler.Rows packedInts(BufferedImage image, Raster raster, DataBufferInt buffer,
      SinglePixelPackedSampleModel sm) {
    int[] data = buffer.getData();
    int width = image.getWidth();
    int scanline = sm.getScanlineStride();
    int[] shift = sm.getBitOffsets();
    int origin = buffer.getOffset() - raster.getSampleModelTranslateY() * scanline
        - raster.getSampleModelTranslateX();
    int rs = shift[0];
    int gs = shift[1];
    int bs = shift[2];
    return (y, rgb) -> {
      int p = origin + y * scanline;
      for (int x = 0, o = 0; x < width; x++, o += RGB, p++) {
        int px = data[p];
        rgb[o] = (px >>> rs) & BYTE_MASK;
        rgb[o + 1] = (px >>> gs) & BYTE_MASK;
        rgb[o + 2] = (px >>> bs) & BYTE_MASK;
      }
    };
  }

  private static BoxResampler.Rows viaGetRgb(BufferedImage image) {
    int width = image.getWidth();
    int[] argb = new int[width];
    return (y, rgb) -> {
      image.getRGB(0, y, width, 1, argb, 0, width);
      for (int x = 0, o = 0; x < width; x++, o += RGB) {
        int px = argb[x];
        rgb[o] = (px >>> RED_SHIFT) & BYTE_MASK;
        rgb[o + 1] = (px >>> GREEN_SHIFT) & BYTE_MASK;
        rgb[o + 2] = px & BYTE_MASK;
      }
    };
  }

  private static boolean isEightBitChannel(SinglePixelPackedSampleModel sm, int band) {
    return sm.getNumBands() > band && (sm.getBitMasks()[band] >>> sm.getBitOffsets()[band]) == BYTE_MASK;
  }
}
