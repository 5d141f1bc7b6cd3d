package io.shoal.http.api;

import io.shoal.http.server.ApiException;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** The first check of an uploaded image: JPEG or PNG by its signature (the model's decoder does the rest). */
final class Images {

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private Images() {}

  static void requireImage(byte[] body) {
    if (!startsWith(body, JPEG) && !startsWith(body, PNG)) {
      throw new ApiException(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "not-an-image", "Not an image",
          "the body must be a JPEG or PNG image");
    }
  }

  private static boolean startsWith(byte[] body, byte[] signature) {
    if (body.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if (body[i] != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
