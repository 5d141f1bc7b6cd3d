package io.shoal.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL server for {@code ./shoal demo} and tests: zonky's Linux amd64 binaries, started from
 * this JVM with no installed services, stopped and deleted by {@link #close()}.
 *
 * <p>Each instance lives in its own directory {@code <parent>/instance-<uuid>/} next to a lock file {@code
 * instance-<uuid>.lock} that this JVM holds while the server runs. When a JVM dies without closing (kill -9, a
 * crashed test fork) the operating system releases that lock but the postmaster keeps running. Every {@link
 * #start} therefore first looks for instance directories whose lock nobody holds, stops the postmaster named in
 * their {@code postmaster.pid} and deletes them ({@link #cleanUpOrphans}).
 *
 * <p>The server trusts local connections as superuser {@code postgres} without a password; {@link #start} creates a
 * database {@value #DATABASE}. Durability is traded for speed ({@code fsync=off}): the data is deleted on close
 * anyway.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The database {@link #start} creates and {@link #jdbcUrl()} points at. */
  public static final String DATABASE = "shoal";

  /** The superuser of the embedded server (trust authentication, no password). */
  public static final String USER = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String INSTANCE_PREFIX = "instance-";
  private static final String LOCK_SUFFIX = ".lock";
  private static final Pattern SAFE_DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  /** Serialises cleanup and instance creation within this JVM; {@code .guard} does it across JVMs. */
  private static final ReentrantLock JVM_GUARD = new ReentrantLock();

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final Path instanceDirectory;
  private final Path lockFile;
  private final FileChannel lockChannel;
  private final FileLock ownerLock;
  private final Duration startupTime;
  private boolean closed;

  private EmbeddedPostgres(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      Path instanceDirectory,
      Path lockFile,
      FileChannel lockChannel,
      FileLock ownerLock,
      Duration startupTime) {
    this.server = server;
    this.instanceDirectory = instanceDirectory;
    this.lockFile = lockFile;
    this.lockChannel = lockChannel;
    this.ownerLock = ownerLock;
    this.startupTime = startupTime;
  }

  /**
   * Removes orphaned instances under {@code settings.parentDirectory()}, then starts a server on {@code
   * settings.port()} (0 = a free port) and creates the database {@value #DATABASE}. Blocks until it accepts
   * connections or {@code settings.startupTimeout()} has passed.
   */
  public static EmbeddedPostgres start(DatabaseSettings.Embedded settings) throws IOException {
    long began = System.nanoTime();
    Path parent = settings.parentDirectory().toAbsolutePath();
    Files.createDirectories(parent);

    String id = INSTANCE_PREFIX + UUID.randomUUID();
    Path instanceDirectory = parent.resolve(id);
    Path lockFile = parent.resolve(id + LOCK_SUFFIX);
    // Cleanup and taking our own lock happen under one guard: a concurrent cleanup in another JVM never sees our
    // directory without its lock.
    Owner owner =
        withGuard(
            parent,
            () -> {
              cleanUpOrphansGuarded(parent);
              FileChannel channel =
                  FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
              try {
                FileLock lock = channel.lock();
                Files.createDirectories(instanceDirectory);
                return new Owner(channel, lock);
              } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(lockFile);
                throw e;
              }
            });
    FileChannel lockChannel = owner.channel();
    FileLock ownerLock = owner.lock();

    io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    try {
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(instanceDirectory.resolve("data"))
              .setCleanDataDirectory(true)
              .setPGStartupWait(settings.startupTimeout())
              // No JVM shutdown hook of its own: on SIGTERM it would stop the server while a node still drains
              // its frames into it. The owner closes it after the node; a JVM that dies without closing leaves an
              // orphan that the next start removes (cleanUpOrphans).
              .setRegisterShutdownHook(false)
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("synchronous_commit", "off");
      if (settings.port() != 0) {
        builder.setPort(settings.port());
      }
      server = builder.start();
    } catch (IOException | RuntimeException e) {
      releaseAndDelete(lockChannel, ownerLock, lockFile, instanceDirectory);
      throw e;
    }

    EmbeddedPostgres started;
    try {
      createDatabase(server, DATABASE);
      started =
          new EmbeddedPostgres(
              server,
              instanceDirectory,
              lockFile,
              lockChannel,
              ownerLock,
              Duration.ofNanos(System.nanoTime() - began));
    } catch (SQLException | RuntimeException e) {
      try {
        server.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      releaseAndDelete(lockChannel, ownerLock, lockFile, instanceDirectory);
      throw new IOException("embedded PostgreSQL started but database " + DATABASE + " was not created", e);
    }
    LOG.info(
        "Embedded PostgreSQL on port {} started in {} ms ({})",
        server.getPort(),
        started.startupTime.toMillis(),
        instanceDirectory);
    return started;
  }

  /** JDBC URL of the database {@value #DATABASE}. */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** JDBC URL of another database on this server (see {@link #createDatabase}). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
  }

  public int port() {
    return server.getPort();
  }

  /** From the start of {@link #start} until the database {@value #DATABASE} existed (cleanup included). */
  public Duration startupTime() {
    return startupTime;
  }

  public Path instanceDirectory() {
    return instanceDirectory;
  }

  /** The given settings pointed at this server's {@value #DATABASE} database. */
  public DatabaseSettings applyTo(DatabaseSettings settings) {
    return settings.withConnection(jdbcUrl(), USER, "");
  }

  /**
   * Creates an empty database (for tests that each want a fresh one) and returns its JDBC URL.
   *
   * @param database lower-case letters, digits and underscores
   */
  public String createDatabase(String database) throws SQLException {
    createDatabase(server, database);
    return jdbcUrl(database);
  }

  private static void createDatabase(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, String database) throws SQLException {
    if (!SAFE_DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
  }

  /** Stops the server and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } finally {
      releaseAndDelete(lockChannel, ownerLock, lockFile, instanceDirectory);
    }
    LOG.info("Embedded PostgreSQL on port {} stopped", server.getPort());
  }

  /**
   * Stops the postmasters of instances under {@code parent} that no live JVM owns and deletes their directories.
   * Instances owned by this JVM or by another running process are left alone.
   *
   * @return how many orphaned instances were removed
   */
  public static int cleanUpOrphans(Path parent) throws IOException {
    Path absolute = parent.toAbsolutePath();
    if (!Files.isDirectory(absolute)) {
      return 0;
    }
    return withGuard(absolute, () -> cleanUpOrphansGuarded(absolute));
  }

  private static int cleanUpOrphansGuarded(Path parent) throws IOException {
    int removed = 0;
    List<Path> instances;
    try (Stream<Path> listing = Files.list(parent)) {
      instances =
          listing
              .filter(p -> p.getFileName().toString().startsWith(INSTANCE_PREFIX))
              .filter(Files::isDirectory)
              .toList();
    }
    for (Path instance : instances) {
      Path lockFile = parent.resolve(instance.getFileName() + LOCK_SUFFIX);
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException ownedByThisJvm) {
          continue;
        }
        if (lock == null) {
          continue; // another live process owns it
        }
        try {
          stopOrphanedPostmaster(instance.resolve("data"));
          deleteRecursively(instance);
        } finally {
          lock.release();
        }
      }
      Files.deleteIfExists(lockFile);
      removed++;
      LOG.warn("Removed orphaned embedded PostgreSQL instance {}", instance);
    }
    // Lock files whose directory is gone (a crash between deleting the two).
    try (DirectoryStream<Path> locks = Files.newDirectoryStream(parent, INSTANCE_PREFIX + "*" + LOCK_SUFFIX)) {
      for (Path lock : locks) {
        String name = lock.getFileName().toString();
        Path instance = parent.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length()));
        if (!Files.exists(instance)) {
          try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = tryLockQuietly(channel);
            if (held != null) {
              held.release();
              Files.deleteIfExists(lock);
            }
          } catch (NoSuchFileException gone) {
            // removed meanwhile
          }
        }
      }
    }
    return removed;
  }

  private static FileLock tryLockQuietly(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException ownedByThisJvm) {
      return null;
    }
  }

  /** Stops the process named in {@code postmaster.pid} if it is still a running postgres. */
  static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try (Stream<String> lines = Files.lines(pidFile)) {
      Optional<String> first = lines.findFirst();
      if (first.isEmpty()) {
        return;
      }
      pid = Long.parseLong(first.get().trim());
    } catch (NumberFormatException garbled) {
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return;
    }
    String command = handle.get().info().command().orElse("");
    if (!command.endsWith("/postgres") && !command.equals("postgres")) {
      return; // the pid was reused by something else
    }
    LOG.warn("Stopping orphaned embedded postmaster pid {} ({})", pid, dataDirectory);
    ProcessHandle postmaster = handle.get();
    postmaster.destroy(); // SIGTERM: smart shutdown; the dead JVM's sessions are gone already
    try {
      postmaster.onExit().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException slow) {
      postmaster.destroyForcibly();
      try {
        postmaster.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("orphaned postmaster " + pid + " does not stop", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping orphaned postmaster " + pid, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("waiting for orphaned postmaster " + pid, e);
    }
  }

  private record Owner(FileChannel channel, FileLock lock) {}

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} holding {@code <parent>/.guard} (across JVMs) and {@link #JVM_GUARD} (within this one). */
  private static <T> T withGuard(Path parent, IoAction<T> action) throws IOException {
    JVM_GUARD.lock();
    try (FileChannel guard =
        FileChannel.open(parent.resolve(".guard"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = guard.lock();
      try {
        return action.run();
      } finally {
        lock.release();
      }
    } finally {
      JVM_GUARD.unlock();
    }
  }

  private static void releaseAndDelete(
      FileChannel channel, FileLock lock, Path lockFile, Path instanceDirectory) throws IOException {
    try {
      deleteRecursively(instanceDirectory);
    } finally {
      try {
        lock.release();
      } finally {
        channel.close();
        Files.deleteIfExists(lockFile);
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
