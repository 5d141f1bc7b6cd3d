package io.shoal.observability.metrics;

import java.util.Locale;

/** Tag values from Java names, in the lower-case kebab form every Shoal tag value uses. */
public final class TagValues {

  private TagValues() {}

  /** {@code FrameAssessed} → {@code frame-assessed}, {@code WeaklyUp} → {@code weakly-up}. */
  public static String kebab(String camelCase) {
    StringBuilder code = new StringBuilder(camelCase.length() + 4);
    for (int i = 0; i < camelCase.length(); i++) {
      char c = camelCase.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        code.append('-');
      }
      code.append(c);
    }
    return code.toString().toLowerCase(Locale.ROOT);
  }
}
