package io.shoal.node.inference;

/** The image header declares more pixels than {@code shoal.inference.max-image-pixels}; it was not decoded. */
public final class ImageTooLargeException extends ImageRejectedException {

  public static final String REASON = "image too large";

  public ImageTooLargeException(int width, int height, long maxPixels) {
    super(REASON + ": " + width + "x" + height + " = " + ((long) width * height)
        + " pixels exceeds max-image-pixels " + maxPixels, null);
  }
}
