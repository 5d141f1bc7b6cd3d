package io.shoal.node.inference;

/**
 * Area-average ("box") resize of 8-bit RGB that reproduces Pillow's {@code Image.resize(size, Image.BOX)} bit for
 * bit, because the model was trained on Pillow's output and any difference here is train/serve skew.
 *
 * <p>What Pillow does, and therefore this class: each source pixel goes wholly to the one output pixel whose
 * interval contains the source pixel's centre, and every output pixel is the plain mean of its source pixels
 * (so for a non-integer ratio there are no fractional edge weights). It resizes horizontally first, rounds that
 * to 8 bits, then resizes vertically and rounds again, in fixed point with {@value #PRECISION_BITS} fraction bits.
 * For the 640x480 to 128x96 camera case this is an exact 5x5 block mean rounded in two steps.
 */
final class BoxResampler {

  /** Pillow's fixed-point precision for 8-bit images (32 bits - 8 value bits - 2 guard bits). */
  static final int PRECISION_BITS = 32 - 8 - 2;
  private static final long ROUNDING = 1L << (PRECISION_BITS - 1);
  private static final double ONE_FIXED = 1 << PRECISION_BITS;
  private static final int MAX_8BIT = 255;
  /** The box filter is non-zero on (-0.5, 0.5] in output-pixel units. */
  private static final double BOX_SUPPORT = 0.5;
  static final int CHANNELS = 3;

  private BoxResampler() {}

  /** Supplies one source row as interleaved R, G, B values 0..255 ({@code 3 * width} ints). */
  interface Rows {
    void read(int y, int[] rgb);
  }

  /**
   * Resizes a {@code inW x inH} image to {@code outW x outH}.
   *
   * @return interleaved R, G, B values 0..255, row-major, {@code outH * outW * 3} ints
   */
  static int[] resize(Rows rows, int inW, int inH, int outW, int outH) {
    Taps horizontal = Taps.of(inW, outW);
    Taps vertical = Taps.of(inH, outH);
    int rowLen = outW * CHANNELS;
    int[] source = new int[inW * CHANNELS];
    int[] narrowed = new int[inH * rowLen];
    for (int y = 0; y < inH; y++) {
      rows.read(y, source);
      int base = y * rowLen;
      for (int xx = 0; xx < outW; xx++) {
        int from = horizontal.first[xx] * CHANNELS;
        int to = from + horizontal.count[xx] * CHANNELS;
        int r = 0;
        int g = 0;
        int b = 0;
        for (int i = from; i < to; i += CHANNELS) {
          r += source[i];
          g += source[i + 1];
          b += source[i + 2];
        }
        int weight = horizontal.weight[xx];
        int o = base + xx * CHANNELS;
        narrowed[o] = clip8(r, weight);
        narrowed[o + 1] = clip8(g, weight);
        narrowed[o + 2] = clip8(b, weight);
      }
    }
    int[] out = new int[outH * rowLen];
    for (int yy = 0; yy < outH; yy++) {
      int fromRow = vertical.first[yy];
      int toRow = fromRow + vertical.count[yy];
      int weight = vertical.weight[yy];
      int base = yy * rowLen;
      for (int i = 0; i < rowLen; i++) {
        int sum = 0;
        for (int y = fromRow; y < toRow; y++) {
          sum += narrowed[y * rowLen + i];
        }
        out[base + i] = clip8(sum, weight);
      }
    }
    return out;
  }

  /** Pillow's {@code clip8} of {@code ROUNDING + sum * weight} (all taps of a box share one weight). */
  private static int clip8(int sum, int weight) {
    long value = (ROUNDING + (long) sum * weight) >> PRECISION_BITS;
    return (int) Math.min(MAX_8BIT, Math.max(0, value));
  }

  /**
   * Per output index: the first contributing source index, how many contribute, and their common fixed-point
   * weight. Computed with Pillow's {@code precompute_coeffs} arithmetic so window edges round the same way.
   */
  record Taps(int[] first, int[] count, int[] weight) {

    static Taps of(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = BOX_SUPPORT * filterScale;
      double inverse = 1.0 / filterScale;
      int[] first = new int[outSize];
      int[] count = new int[outSize];
      int[] weight = new int[outSize];
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        int min = Math.max(0, (int) (center - support + 0.5));
        int max = Math.min(inSize, (int) (center + support + 0.5));
        int start = -1;
        int n = 0;
        for (int x = min; x < max; x++) {
          double t = (x - center + 0.5) * inverse;
          if (t > -BOX_SUPPORT && t <= BOX_SUPPORT) {
            if (start < 0) start = x;
            n++;
          }
        }
        if (n == 0) {
          throw new IllegalStateException("no source pixel for output " + xx + " (" + inSize + " -> " + outSize + ")");
        }
        first[xx] = start;
        count[xx] = n;
        weight[xx] = (int) (0.5 + (1.0 / n) * ONE_FIXED);
      }
      return new Taps(first, count, weight);
    }
  }
}
