package io.shoal.http.api;

import java.util.List;

/**
 * One page of a list: its items and, when more may follow, the cursor to pass as {@code after} for the next page.
 */
record Page<T>(List<T> items, String next) {

  Page {
    items = List.copyOf(items);
  }
}
