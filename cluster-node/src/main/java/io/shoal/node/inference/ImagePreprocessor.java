package io.shoal.node.inference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Encoded frame (JPEG or PNG) to the model's input: decode, convert to RGB, box-resize to the manifest's W x H
 * exactly as Pillow does ({@link BoxResampler}), divide by {@code scale}, subtract {@code mean[c]}, divide by
 * {@code std[c]}, lay out as CHW float32. Stateless and thread-safe; one instance serves every worker.
 */
public final class ImagePreprocessor {

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final String PNG = "png";
  private static final String JPEG = "jpeg";
  private static final int SNIFF_BYTES = 8;
  private static final int LEVELS_8BIT = 256;
  private static final int FIRST_IMAGE = 0;

  private final int width;
  private final int height;
  private final int floatsPerImage;
  private final long maxPixels;
  private final boolean strict;
  /** lut[c][v] = (v / scale - mean[c]) / std[c]: the whole normalisation, once per 8-bit value. */
  private final float[][] lut;
  private final ImageReaderSpi pngReaders = readerSpi(PNG);
  private final ImageReaderSpi jpegReaders = readerSpi(JPEG);

  public ImagePreprocessor(ModelManifest.Input input, InferenceSettings.Preprocessing settings) {
    this.width = input.width();
    this.height = input.height();
    this.floatsPerImage = BoxResampler.CHANNELS * width * height;
    this.maxPixels = settings.maxImagePixels();
    this.strict = settings.strictDecoding();
    this.lut = new float[BoxResampler.CHANNELS][LEVELS_8BIT];
    for (int c = 0; c < BoxResampler.CHANNELS; c++) {
      double mean = input.mean().get(c);
      double std = input.std().get(c);
      for (int v = 0; v < LEVELS_8BIT; v++) {
        lut[c][v] = (float) ((v / input.scale() - mean) / std);
      }
    }
  }

  public int floatsPerImage() {
    return floatsPerImage;
  }

  /** A fresh CHW array for one image. */
  public float[] preprocess(byte[] encoded) {
    float[] out = new float[floatsPerImage];
    normalise(resize(decode(encoded)), FloatBuffer.wrap(out), 0);
    return out;
  }

  /**
   * Writes one image straight into slot {@code slot} of a batch buffer, below its limit (absolute positions;
   * position and limit untouched).
   */
  public void preprocessInto(byte[] encoded, FloatBuffer batch, int slot) {
    int offset = Objects.checkFromIndexSize(Math.multiplyExact(slot, floatsPerImage), floatsPerImage, batch.limit());
    normalise(resize(decode(encoded)), batch, offset);
  }

  /** The image box-resized to the model's size: interleaved R, G, B values 0..255, row-major. */
  int[] resize(BufferedImage image) {
    return BoxResampler.resize(RgbRows.of(image), image.getWidth(), image.getHeight(), width, height);
  }

  private void normalise(int[] rgb, FloatBuffer dst, int offset) {
    int plane = width * height;
    float[] red = lut[0];
    float[] green = lut[1];
    float[] blue = lut[2];
    for (int i = 0, p = 0; p < plane; i += BoxResampler.CHANNELS, p++) {
      dst.put(offset + p, red[rgb[i]]);
      dst.put(offset + plane + p, green[rgb[i + 1]]);
      dst.put(offset + 2 * plane + p, blue[rgb[i + 2]]);
    }
  }

  /**
   * Decodes a JPEG or PNG, checking the pixel count in the header before allocating anything for the pixels.
   *
   * @throws UndecodableImageException not JPEG/PNG, corrupt, truncated, or (strict mode) decoded with warnings
   * @throws ImageTooLargeException    more than {@code max-image-pixels}
   */
  public BufferedImage decode(byte[] encoded) {
    if (encoded == null || encoded.length == 0) {
      throw new UndecodableImageException("no bytes");
    }
    ImageReaderSpi spi = startsWith(encoded, PNG_MAGIC) ? pngReaders
        : startsWith(encoded, JPEG_MAGIC) ? jpegReaders
        : null;
    if (spi == null) {
      throw new UndecodableImageException("not a JPEG or PNG (" + encoded.length + " bytes starting "
          + hex(encoded) + ")");
    }
    ImageReader reader = null;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      reader = spi.createReaderInstance();
      reader.setInput(in, true, true);
      int w = reader.getWidth(FIRST_IMAGE);
      int h = reader.getHeight(FIRST_IMAGE);
      if (w < 1 || h < 1) {
        throw new UndecodableImageException("header declares " + w + "x" + h + " pixels");
      }
      if ((long) w * h > maxPixels) {
        throw new ImageTooLargeException(w, h, maxPixels);
      }
      List<String> warnings = new ArrayList<>();
      if (strict) {
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      }
      BufferedImage image = reader.read(FIRST_IMAGE);
      if (!warnings.isEmpty()) {
        throw new UndecodableImageException("decoder warned: " + String.join("; ", warnings));
      }
      return image;
    } catch (ImageRejectedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // ImageIO reports corrupt data as IIOException, but also as assorted runtime exceptions.
      throw new UndecodableImageException(spi.getFormatNames()[0].toLowerCase(Locale.ROOT) + " decoder failed: "
          + e.getMessage(), e);
    } finally {
      if (reader != null) reader.dispose();
    }
  }

  private static ImageReaderSpi readerSpi(String format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
    }
    ImageReader reader = readers.next();
    try {
      return reader.getOriginatingProvider();
    } finally {
      reader.dispose();
    }
  }

  private static boolean startsWith(byte[] data, byte[] magic) {
    if (data.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) {
      if (data[i] != magic[i]) return false;
    }
    return true;
  }

  private static String hex(byte[] data) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(SNIFF_BYTES, data.length); i++) {
      s.append(String.format("%02x", data[i] & 0xFF));
    }
    return s.toString();
  }
}
