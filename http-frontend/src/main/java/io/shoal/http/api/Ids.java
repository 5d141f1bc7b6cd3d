package io.shoal.http.api;

import io.shoal.http.server.ApiException;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * Validates ids taken from paths and parameters, with the rule of the Kafka frame contract (DESIGN.md §4): 1-64
 * characters, letters, digits and {@code . _ : -}, starting with a letter or digit.
 */
final class Ids {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private Ids() {}

  static String require(String kind, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-" + kind.replace(' ', '-'), "Invalid " + kind,
          "a " + kind + " has 1-64 characters: letters, digits and . _ : - (starting with a letter or digit)");
    }
    return value;
  }
}
