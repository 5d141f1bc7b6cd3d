package io.shoal.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.protocol.inference.InferenceProtocol.Command;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class HostedPoolTest {

  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void closeReturnsOnlyOnceThePoolHasStopped() throws Exception {
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch mayStop = new CountDownLatch(1);
    Behavior<Command> pool = Behaviors.receive(Command.class)
        .onSignal(PostStop.class, signal -> {
          stopping.countDown();
          mayStop.await(); // holds the pool in its PostStop until the test has looked at close()
          return Behaviors.same();
        })
        .build();
    HostedPool hosted = HostedPool.start(KIT.system(), "hosted-pool-test", pool, Duration.ofSeconds(10));

    CompletableFuture<Void> closed = CompletableFuture.runAsync(hosted::close);
    try {
      assertThat(stopping.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(closed).isNotDone();
    } finally {
      mayStop.countDown();
    }

    closed.get(10, TimeUnit.SECONDS);
    KIT.createTestProbe().expectTerminated(hosted.ref(), Duration.ofSeconds(1));
  }
}
