package io.shoal.node.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts for {@link SimulatorStats}; one counter per pen, fixed at construction (never grows). */
final class PublishCounters {

  private final Map<String, LongAdder> publishedByPen;
  private final LongAdder skipped = new LongAdder();
  private final LongAdder failed = new LongAdder();

  PublishCounters(List<String> penIds) {
    Map<String, LongAdder> counters = new LinkedHashMap<>();
    penIds.forEach(pen -> counters.put(pen, new LongAdder()));
    this.publishedByPen = Collections.unmodifiableMap(counters);
  }

  void published(String penId) {
    LongAdder counter = publishedByPen.get(penId);
    if (counter == null) {
      throw new IllegalArgumentException("not a pen of this scenario: " + penId);
    }
    counter.increment();
  }

  void skipped() {
    skipped.increment();
  }

  void failed() {
    failed.increment();
  }

  SimulatorStats snapshot() {
    Map<String, Long> published = new LinkedHashMap<>();
    publishedByPen.forEach((pen, counter) -> published.put(pen, counter.sum()));
    return new SimulatorStats(published, skipped.sum(), failed.sum());
  }
}
