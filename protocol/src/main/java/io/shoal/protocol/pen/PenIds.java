package io.shoal.protocol.pen;

import java.util.regex.Pattern;

/**
 * The pen id rule of the frame record contract (DESIGN.md §4): 1..{@value #MAX_LENGTH} characters from
 * {@code [A-Za-z0-9._:-]}, starting with a letter or digit. Here so that the HTTP side can validate path ids
 * without depending on the node; the same rule as cluster-node's {@code FrameRecords.isValidId} (a test there holds
 * the two together).
 */
public final class PenIds {

  public static final int MAX_LENGTH = 64;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");

  private PenIds() {}

  public static boolean isValid(String penId) {
    return penId != null && ID.matcher(penId).matches();
  }
}
