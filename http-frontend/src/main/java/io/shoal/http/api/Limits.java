package io.shoal.http.api;

import io.shoal.http.server.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** Page sizes and cursors of list requests. */
final class Limits {

  private Limits() {}

  /** The {@code limit} parameter: 1..max, the max when absent. */
  static int pageSize(Optional<String> limit, int max) {
    if (limit.isEmpty()) {
      return max;
    }
    try {
      int value = Integer.parseInt(limit.get());
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-limit", "Invalid limit",
        "limit must be a whole number from 1 to " + max);
  }

  /**
   * A page of {@code size} from {@code rows}, read with one row more than asked: when that extra row exists, more
   * follow and the page's cursor is the last item's key.
   */
  static <T> Page<T> page(List<T> rows, int size, Function<T, String> key) {
    if (rows.size() <= size) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, size);
    return new Page<>(items, key.apply(items.get(size - 1)));
  }
}
