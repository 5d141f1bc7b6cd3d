package io.shoal.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.shoal.node.ingest.KafkaSettings;
import io.shoal.node.simulator.CameraSimulator;
import io.shoal.node.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code shoal simulate}: simulated cameras publishing frames to a Kafka until Ctrl-C or {@code --duration}. Options
 * override {@code shoal.simulator} in config (env vars such as SHOAL_SIM_PENS, SHOAL_SIM_FPS); the episodes and the
 * baseline come from config.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Publish simulated camera frames (pens x cameras, scripted episodes) to Kafka.")
public final class SimulateCommand implements Callable<Integer> {

  /** The config the options are laid over, loaded only when the command runs. */
  private final Supplier<Config> base;

  public SimulateCommand() {
    this(SimulatorSettings::load);
  }

  /** {@code base} instead of the usual config (application.conf, system properties, environment): for tests. */
  public SimulateCommand(Supplier<Config> base) {
    this.base = base;
  }

  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers, host:port[,host:port...].")
  String bootstrap;

  @Option(names = "--topic", description = "Frames topic (default: shoal.kafka.topics.frames).")
  String topic;

  @Option(names = "--pens", description = "Pens pen-1..pen-N (config: pens).")
  Integer pens;

  @Option(names = "--cameras", description = "Cameras per pen (config: cameras-per-pen).")
  Integer cameras;

  @Option(names = "--fps", description = "Frames per second per camera (config: fps).")
  Double fps;

  @Option(names = "--duration", converter = HoconDuration.class,
      description = "Stop after this long, e.g. 90s or 5m (default: until Ctrl-C).")
  Duration duration;

  @Option(names = "--seed", description = "Scenario seed (config: seed).")
  Long seed;

  @Override
  public Integer call() throws InterruptedException {
    Config config = config();
    SimulatorSettings settings = SimulatorSettings.fromConfig(config);
    String frames = topic != null ? topic : KafkaSettings.fromConfig(config).framesTopic();
    CameraSimulator simulator = CameraSimulator.create(settings, bootstrap, frames);
    Stopper stopper = new Stopper(simulator);
    // Ctrl-C: the process's exit hook flushes the simulator and prints the summary before the process ends.
    ProcessExit.onExit(stopper::stop);
    simulator.start();
    System.err.printf("Publishing to %s on %s: %d pens x %d cameras at %s fps%s. Ctrl-C stops.%n", frames, bootstrap,
        settings.pens(), settings.camerasPerPen(), settings.fps(),
        duration == null ? "" : " for " + duration.toSeconds() + " s");
    if (duration == null) {
      stopper.stopped.await();
    } else {
      stopper.stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
    stopper.stop();
    return 0;
  }

  /** Stops the simulator and prints its summary exactly once, from the main thread or the Ctrl-C hook. */
  private static final class Stopper {
    private final CameraSimulator simulator;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean done;

    Stopper(CameraSimulator simulator) {
      this.simulator = simulator;
    }

    synchronized void stop() {
      stopped.countDown();
      if (!done) {
        done = true;
        simulator.close();
        System.out.println(simulator.stats().summary());
        System.out.flush();
      }
    }
  }

  /** The options given, laid over the base config, so one parser validates both. */
  Config config() {
    Map<String, Object> given = new HashMap<>();
    put(given, "pens", pens);
    put(given, "cameras-per-pen", cameras);
    put(given, "fps", fps);
    put(given, "seed", seed);
    return ConfigFactory.parseMap(given).withFallback(base.get()).resolve();
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(SimulatorSettings.CONFIG_PATH + "." + key, value);
    }
  }

  /** Durations as config files write them (90s, 5m, 2 minutes), so the option and the config read alike. */
  static final class HoconDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        Duration d = ConfigFactory.parseMap(Map.of("d", value)).getDuration("d");
        if (d.isNegative() || d.isZero()) {
          throw new TypeConversionException("the duration must be positive: " + value);
        }
        return d;
      } catch (ConfigException e) {
        throw new TypeConversionException("not a duration (e.g. 90s, 5m): " + value);
      }
    }
  }
}
