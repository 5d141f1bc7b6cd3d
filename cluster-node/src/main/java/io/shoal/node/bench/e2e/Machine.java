package io.shoal.node.bench.e2e;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where and what ran: the report's header. */
record Machine(int cores, String jvm, List<String> jvmFlags, long heapMax, String os, Instant date, String commit,
    String onnxRuntime, double loadAverage) {

  private static final long GIT_TIMEOUT_SECONDS = 10;

  static Machine describe() {
    Runtime rt = Runtime.getRuntime();
    return new Machine(rt.availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
            + System.getProperty("java.vendor") + ")",
        ManagementFactory.getRuntimeMXBean().getInputArguments(), rt.maxMemory(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), gitCommit(), OrtEnvironment.getEnvironment().getVersion(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * The commit of the checkout the jar was built in ({@code cluster-node/target/shoal-node.jar} two levels below
   * it), with {@code -dirty} when it has uncommitted changes; "unknown" without git or outside a checkout.
   */
  private static String gitCommit() {
    try {
      Path jar = Path.of(Machine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent() != null && jar.getParent().getParent() != null
          ? jar.getParent().getParent().getParent() : null;
      if (root == null) {
        return "unknown";
      }
      String commit = git(root, "rev-parse", "--short=12", "HEAD");
      String changes = git(root, "status", "--porcelain", "--untracked-files=no");
      return commit.isEmpty() ? "unknown" : commit + (changes.isEmpty() ? "" : "-dirty");
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String git(Path root, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = root.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || git.exitValue() != 0) {
      return "";
    }
    return out;
  }
}
