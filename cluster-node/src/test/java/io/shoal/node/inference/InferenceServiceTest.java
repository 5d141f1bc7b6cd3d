package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.protocol.inference.InferenceProtocol.Classified;
import io.shoal.protocol.inference.InferenceProtocol.Classify;
import io.shoal.protocol.inference.InferenceProtocol.Command;
import io.shoal.protocol.inference.InferenceProtocol.Reply;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pool as a node starts it: settings and dispatchers from config, round-robin workers, one shared model. */
class InferenceServiceTest {

  private static final ActorTestKit testKit = ActorTestKit.create(TestConfig.withOverrides("""
      shoal.inference {
        workers = 2
        max-batch-size = 8
        # Long enough that every batch in these tests is a full one.
        max-batch-delay = 10 minutes
        queue-capacity = 16
      }
      """));
  private static InferenceSettings settings;
  private static OnnxModel model;

  @BeforeAll
  static void open() {
    settings = InferenceSettings.fromConfig(testKit.system().settings().config());
    model = OnnxModel.open(settings);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
    model.close();
  }

  @Test
  void settingsComeFromConfig() {
    assertThat(settings.workers()).isEqualTo(2);
    assertThat(settings.batching()).isEqualTo(new InferenceSettings.Batching(8, Duration.ofMinutes(10), 16));
    assertThat(settings.modelLocation()).isEqualTo("classpath:shoal-model");
    assertThat(settings.onnx().provider()).isEqualTo(InferenceSettings.Provider.CPU);
    // The dispatcher follows the worker count.
    assertThat(testKit.system().settings().config()
        .getInt(InferenceService.DISPATCHER + ".thread-pool-executor.fixed-pool-size")).isEqualTo(2);
  }

  @Test
  void spreadsRequestsOverTheWorkersOnTheirOwnDispatchersAndAnswersEachWithItsOwnImage() {
    Set<String> modelThreads = ConcurrentHashMap.newKeySet();
    BatchModel recordingThreads = new BatchModel() {
      @Override
      public ModelManifest manifest() {
        return model.manifest();
      }

      @Override
      public List<Prediction> classify(FloatBuffer batch, int count) throws Exception {
        modelThreads.add(Thread.currentThread().getName());
        return model.classify(batch, count);
      }
    };
    BatchStats stats = new BatchStats(settings.batching().maxBatchSize());
    Set<String> workerThreads = ConcurrentHashMap.newKeySet();
    InferenceListener recordingWorkerThreads = new InferenceListener() {
      @Override
      public void batchCompleted(int size, long runNanos) {
        workerThreads.add(Thread.currentThread().getName()); // called by the worker actor, on its thread
        stats.batchCompleted(size, runNanos);
      }

      @Override
      public void overloaded() {
        stats.overloaded();
      }
    };
    ActorRef<Command> pool = InferenceService.start(testKit.system(), "inference-pool", settings, recordingThreads,
        recordingWorkerThreads);
    TestProbe<Reply> probe = testKit.createTestProbe();

    ImagePreprocessor preprocessor = new ImagePreprocessor(model.manifest().input(), settings.preprocessing());
    List<byte[]> frames = Predictions.distinguishableFrames(8, model, preprocessor);
    int requests = 32;
    Map<String, byte[]> sent = new HashMap<>();
    for (int i = 0; i < requests; i++) {
      // Each worker gets every other frame, so each of its batches mixes four different images.
      byte[] frame = frames.get(i % frames.size());
      sent.put("r" + i, frame);
      pool.tell(new Classify("r" + i, frame, Instant.now().plus(Duration.ofHours(1)), probe.getRef()));
    }

    List<Reply> replies = probe.receiveSeveralMessages(requests, Duration.ofSeconds(30));
    assertThat(replies).extracting(Reply::requestId).containsExactlyInAnyOrderElementsOf(sent.keySet());
    assertThat(replies).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(Classified.class,
        c -> Predictions.assertSame(c.prediction(), Predictions.alone(model, preprocessor, sent.get(r.requestId())))));
    // Round robin gives each worker 16, which with max-batch-size 8 and a delay that never fires is exactly two
    // full batches per worker. A pool that sent everything to one worker would answer 16 of them Overloaded.
    BatchStats.Snapshot snapshot = stats.snapshot();
    assertThat(snapshot.batchSizeCounts()[8]).isEqualTo(4);
    assertThat(snapshot.batches()).isEqualTo(4);
    assertThat(snapshot.overloaded()).isZero();
    assertThat(modelThreads).isNotEmpty()
        .allSatisfy(name -> assertThat(name).contains(InferenceService.DISPATCHER));
    assertThat(workerThreads).isNotEmpty()
        .allSatisfy(name -> assertThat(name).contains(InferenceService.WORKER_DISPATCHER));
  }
}
