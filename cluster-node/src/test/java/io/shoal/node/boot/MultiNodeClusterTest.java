package io.shoal.node.boot;

import static io.shoal.node.render.Condition.HEALTHY;
import static io.shoal.node.render.Condition.LESION;
import static io.shoal.node.render.Condition.SEA_LICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.Eventually;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.ingest.IngestMetrics;
import io.shoal.node.render.Condition;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.OpenAlert;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three Shoal nodes (three ActorSystems in this JVM, on loopback ports) form one cluster on a shared PostgreSQL and
 * Kafka. Pens spread over the nodes; frames keep flowing while one node goes away, gracefully (it leaves and drains
 * its ingestion) or abruptly (its system dies without coordinated shutdown and the split-brain resolver downs it).
 * Its pens come back on the survivors with their persisted state, and in the end every frame is counted exactly
 * once per pen.
 *
 * <p>Each test runs on its own services (fresh database and broker), so the two scenarios cannot see each other's
 * pens, offsets or remembered shards.
 */
class MultiNodeClusterTest {

  private static final Logger log = LoggerFactory.getLogger(MultiNodeClusterTest.class);

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int NODES = 3;
  private static final int PARTITIONS = 6;
  private static final List<String> CAMERAS = List.of("cam-a", "cam-b");
  private static final List<String> PENS =
      IntStream.rangeClosed(1, 9).mapToObj(i -> String.format("pen-%02d", i)).toList();
  /** Per pen before anything happens: enough fish frames (MINIMUM_SAMPLE) for statuses and alerts to exist. */
  private static final int FIRST_FRAMES = 8;
  /** Per pen after the node is gone and its pens have moved. */
  private static final int LAST_FRAMES = 4;
  /** The busy pens' frames while the node goes away come in rounds (one frame per busy pen); at most this many. */
  private static final int MAX_ROUNDS = 60;
  /** Rounds still published after the pens have moved, so the moved pens take frames in their new home too. */
  private static final int ROUNDS_AFTER_MOVE = 3;
  private static final int MINIMUM_SAMPLE = 8;

  /**
   * Cycled over each pen's frames; with a minimum sample of 8 (default thresholds): 50 % lesions is CRITICAL, 25 % sea
   * lice (above the 20 % warning, and never below its 16 % clear level once judged) is WARNING, all healthy is OK.
   */
  private static final List<List<Condition>> SCRIPTS = List.of(
      List.of(HEALTHY),
      List.of(HEALTHY, LESION),
      List.of(HEALTHY, HEALTHY, HEALTHY, SEA_LICE));
  private static final List<HealthStatus> EXPECTED_STATUS =
      List.of(HealthStatus.OK, HealthStatus.CRITICAL, HealthStatus.WARNING);
  private static final List<List<String>> EXPECTED_ALERTS = List.of(List.of(), List.of("lesion"), List.of("sea_lice"));

  private static final Map<String, Object> COMMON = Map.of(
      // A dead consumer's partitions go to the others once the broker misses its heartbeats for this long (the
      // broker's minimum, not Kafka's 45 s default); a leaving consumer says goodbye and needs none of it.
      "pekko.kafka.consumer.kafka-clients.session.timeout.ms", "6000",
      "pekko.kafka.consumer.kafka-clients.heartbeat.interval.ms", "1000",
      // A frame asked of a pen on a node that died is never answered: it is sent again after this (30 s by
      // default). It still outlasts what the pen itself may take (its inference ask gives up at twice the pen's
      // inference timeout, then the journal write), as reference.conf requires.
      "shoal.kafka.ingest.ask-timeout", "10s",
      "shoal.pen.inference.timeout", "3s",
      "shoal.health.minimum-sample", MINIMUM_SAMPLE);

  private TestServices services;
  private final List<ShoalNode> nodes = new ArrayList<>();
  /** Frames published (and acknowledged by Kafka) per pen; the publisher thread and the test thread both add. */
  private final Map<String, AtomicInteger> produced = new ConcurrentHashMap<>();

  @AfterEach
  void stopEverything() throws Exception {
    for (ShoalNode node : nodes) {
      if (!node.whenTerminated().isDone()) {
        node.close();
      }
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void aNodeThatLeavesDrainsItsFramesAndItsPensMoveWithTheirState() throws Exception {
    Scenario scenario = formCluster(Map.of());
    scenario.goAway(victim -> {
      victim.close(); // coordinated shutdown: leave, drain the ingestion, hand the shards over
      // The drain let every frame it had read finish (persisted, or dead-lettered) before the consumer closed.
      IngestMetrics.Snapshot drained = victim.ingestMetrics().orElseThrow().snapshot();
      assertThat(drained.inFlight()).as("in flight after the drain (%s)", drained).isZero();
      assertThat(drained.consumed()).as("read vs settled after the drain (%s)", drained)
          .isEqualTo(drained.accepted() + drained.duplicates() + drained.deadLetteredTotal());
    });
    scenario.finish();
  }

  @Test
  void aCrashedNodeIsDownedAndItsPensRecoverOnTheSurvivors() throws Exception {
    Scenario scenario = formCluster(Map.of(
        // terminate() then stops the system without coordinated shutdown: no leave, no drain, no commit, as if the
        // process had died. The second key matters too: by default the stopping cluster daemon starts coordinated
        // shutdown itself (as for a downed node), which would run the drain task against the dying stream.
        // (Survivors are still closed properly: close() runs coordinated shutdown itself.)
        "pekko.coordinated-shutdown.run-by-actor-system-terminate", "off",
        "pekko.cluster.run-coordinated-shutdown-when-down", "off",
        // Downing by the split-brain resolver, as configured for production (shoal-node.conf, keep-majority), rather
        // than an explicit Down from the test: the test then also shows that a crashed node is removed without an
        // operator. 3 s instead of 20 s keeps the wait short; the survivors are a stable majority of two, so
        // keep-majority downs the dead node once its unreachability has been stable that long.
        "shoal.cluster.down-unreachable-after", "3s"));
    scenario.goAway(victim -> {
      victim.system().terminate();
      victim.whenTerminated().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    });
    scenario.finish();
  }

  // ------------------------------------------------------------------------------------------------ the scenario

  interface Departure {
    void of(ShoalNode victim) throws Exception;
  }

  /** Three nodes, all roles, seeded by the first; returns once pens are placed and have their first frames. */
  private Scenario formCluster(Map<String, Object> extra) throws Exception {
    services = TestServices.start(PARTITIONS);
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      ports.add(TestServices.freePort());
    }
    List<String> seeds = List.of(TestServices.seedAddress(ports.get(0)));
    Map<String, Object> overrides = new HashMap<>(COMMON);
    overrides.putAll(extra);
    for (int port : ports) {
      nodes.add(ShoalNode.start(services.nodeConfig(port, seeds, overrides), InferenceListener.NONE));
    }
    Set<Address> all = nodes.stream().map(ClusterProbe::address).collect(Collectors.toSet());
    // Frames only once every region has registered with the coordinator: the least-shard allocation then spreads
    // the new pens over all three instead of giving them to whichever node was first.
    Eventually.within(PATIENCE, () -> {
      for (ShoalNode node : nodes) {
        assertThat(ClusterProbe.settledUpMembers(node)).as("members seen by " + ClusterProbe.address(node))
            .isEqualTo(all);
      }
      assertThat(ClusterProbe.regions(nodes.get(0)).keySet()).isEqualTo(all);
    });
    Scenario scenario = new Scenario();
    try (FrameFeed feed = new FrameFeed(services.kafka.bootstrapServers(), TestServices.FRAMES)) {
      for (int n = 0; n < FIRST_FRAMES; n++) {
        for (String pen : PENS) {
          publishNext(feed, pen);
        }
      }
    }
    awaitCounts(nodes.get(0), PENS);
    return scenario;
  }

  private final class Scenario {

    private ShoalNode victim;
    private List<ShoalNode> survivors;

    void goAway(Departure departure) throws Exception {
      Map<ShoalNode, Set<String>> placement = new HashMap<>();
      for (ShoalNode node : nodes) {
        placement.put(node, ClusterProbe.hostedPens(node));
      }
      Map<String, Set<String>> byAddress = new TreeMap<>();
      placement.forEach((node, pens) -> byAddress.put(ClusterProbe.address(node).toString(), pens));
      log.info("Pens per node: {}", byAddress);
      assertThat(placement.values().stream().flatMap(Set::stream)).as("every pen placed once")
          .containsExactlyInAnyOrderElementsOf(PENS);
      assertThat(placement.values().stream().filter(pens -> !pens.isEmpty()).count()).as("nodes hosting pens")
          .isGreaterThanOrEqualTo(2);

      // Not the first node: it is the oldest, so the shard coordinator stays put and the test watches the pens move
      // rather than a singleton hand-over. Of the others, the one with the most pens, which must be at least two:
      // some stay quiet while it goes (their state must come back unchanged), the rest keep receiving frames.
      victim = nodes.subList(1, NODES).stream()
          .max((a, b) -> Integer.compare(placement.get(a).size(), placement.get(b).size())).orElseThrow();
      List<String> victimPens = new ArrayList<>(placement.get(victim));
      assertThat(victimPens).as("pens on the node that goes").hasSizeGreaterThanOrEqualTo(2);
      List<String> quiet = victimPens.subList(0, victimPens.size() / 2);
      List<String> busy = PENS.stream().filter(pen -> !quiet.contains(pen)).toList();
      survivors = nodes.stream().filter(node -> node != victim).toList();

      Map<String, PenHealth> before = new HashMap<>();
      for (String pen : victimPens) {
        before.put(pen, PenQueries.health(victim, pen));
      }

      // Frames keep coming for the busy pens (those on the victim included) until the pens have moved.
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger rounds = new AtomicInteger();
      ExecutorService publisher = Executors.newSingleThreadExecutor();
      try {
        Future<?> publishing = publisher.submit(() -> {
          try (FrameFeed feed = new FrameFeed(services.kafka.bootstrapServers(), TestServices.FRAMES)) {
            while (!stop.get() && rounds.get() < MAX_ROUNDS) {
              for (String pen : busy) {
                publishNext(feed, pen);
              }
              rounds.incrementAndGet();
            }
          }
          return null;
        });
        // Go once the victim is busy with the new frames, so its ingestion has frames to drain (or to lose).
        long acceptedBefore = victim.ingestMetrics().orElseThrow().snapshot().accepted();
        Eventually.within(PATIENCE, () ->
            assertThat(victim.ingestMetrics().orElseThrow().snapshot().accepted()).isGreaterThan(acceptedBefore + 3));
        int roundsAtDeparture = rounds.get();
        Instant gone = Instant.now();
        departure.of(victim);
        log.info("Victim {} stopped in {} ms ({}); publisher at round {}", ClusterProbe.address(victim),
            Duration.between(gone, Instant.now()).toMillis(), victim.ingestMetrics().orElseThrow().snapshot(),
            roundsAtDeparture);

        Set<Address> left = survivors.stream().map(ClusterProbe::address).collect(Collectors.toSet());
        Eventually.within(PATIENCE, () -> {
          for (ShoalNode node : survivors) {
            assertThat(ClusterProbe.settledUpMembers(node)).as("members seen by " + ClusterProbe.address(node))
                .isEqualTo(left);
          }
          Set<String> hosted = new HashSet<>();
          for (ShoalNode node : survivors) {
            hosted.addAll(ClusterProbe.hostedPens(node));
          }
          assertThat(hosted).as("pens on the survivors").containsAll(victimPens);
        });
        log.info("Pens of the victim back on the survivors {} ms after it went",
            Duration.between(gone, Instant.now()).toMillis());
        int roundsAtMove = rounds.get();
        Eventually.within(PATIENCE, () ->
            assertThat(rounds.get() >= roundsAtMove + ROUNDS_AFTER_MOVE || rounds.get() >= MAX_ROUNDS).isTrue());
        stop.set(true);
        publishing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(roundsAtDeparture).as("frames were still being published when the node went")
            .isLessThan(rounds.get());
      } finally {
        stop.set(true);
        publisher.shutdownNow();
      }

      // The quiet pens, recovered elsewhere from the journal, are exactly what they were on the victim. The busy ones
      // went on counting from where they were, with the same status and the very same open alerts (their scripts
      // keep each condition's prevalence where it was).
      for (String pen : victimPens) {
        PenHealth after = PenQueries.health(survivors.get(0), pen);
        if (quiet.contains(pen)) {
          assertThat(after).as(pen).isEqualTo(before.get(pen));
        } else {
          assertThat(after.framesAssessed()).as(pen).isGreaterThanOrEqualTo(before.get(pen).framesAssessed());
          assertThat(after.status()).as(pen).isEqualTo(before.get(pen).status());
          assertThat(after.openAlerts()).as(pen).isEqualTo(before.get(pen).openAlerts());
        }
      }
    }

    /** Frames for every pen after the move, then exact counts, statuses, alerts, read models and lag. */
    void finish() throws Exception {
      ShoalNode survivor = survivors.get(0);
      try (FrameFeed feed = new FrameFeed(services.kafka.bootstrapServers(), TestServices.FRAMES)) {
        for (int n = 0; n < LAST_FRAMES; n++) {
          for (String pen : PENS) {
            publishNext(feed, pen);
          }
        }
      }
      awaitCounts(survivor, PENS);
      for (int i = 0; i < PENS.size(); i++) {
        String pen = PENS.get(i);
        PenHealth health = PenQueries.health(survivor, pen);
        assertThat(health.status()).as(pen).isEqualTo(EXPECTED_STATUS.get(i % SCRIPTS.size()));
        assertThat(health.openAlerts()).extracting(OpenAlert::subject).as(pen)
            .containsExactlyElementsOf(EXPECTED_ALERTS.get(i % SCRIPTS.size()));
      }
      // The read model saw each persisted frame once, too.
      Eventually.within(PATIENCE, () -> {
        Map<String, String> rows = services.query("SELECT pen_id, count(*) FROM pen_assessments GROUP BY pen_id")
            .stream().collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));
        PENS.forEach(pen -> assertThat(rows.get(pen)).as(pen).isEqualTo("" + produced.get(pen).get()));
      });
      Eventually.within(PATIENCE, () -> assertThat(
          TopicReader.lag(services.kafka.bootstrapServers(), "shoal-ingest", TestServices.FRAMES)).isZero());
      Map<String, IngestMetrics.Snapshot> metrics = new TreeMap<>();
      nodes.forEach(node -> metrics.put(ClusterProbe.address(node).toString(),
          node.ingestMetrics().orElseThrow().snapshot()));
      log.info("Ingestion per node: {}; frames produced {}", metrics,
          produced.values().stream().mapToInt(AtomicInteger::get).sum());
    }
  }

  /** The pen's next frame: cameras alternate, conditions follow the pen's script, captured now. */
  private void publishNext(FrameFeed feed, String pen) {
    AtomicInteger count = produced.computeIfAbsent(pen, p -> new AtomicInteger());
    int k = count.get();
    List<Condition> script = SCRIPTS.get(PENS.indexOf(pen) % SCRIPTS.size());
    feed.publish(pen, CAMERAS.get(k % CAMERAS.size()), k / CAMERAS.size(), script.get(k % script.size()),
        Instant.now());
    count.incrementAndGet();
  }

  /** Every pen has counted exactly the frames published for it (asked through {@code node}). */
  private void awaitCounts(ShoalNode node, List<String> pens) throws Exception {
    Eventually.within(PATIENCE, () -> {
      for (String pen : pens) {
        assertThat(PenQueries.health(node, pen).framesAssessed()).as(pen)
            .isEqualTo(produced.get(pen).longValue());
      }
    });
  }
}
