package io.shoal.node.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model file and its manifest, read from one location. The manifest is checked on its own here; whether it
 * matches the ONNX graph is checked when {@link OnnxModel} opens the session.
 *
 * @param source where the pair came from, for messages
 */
public record ModelBundle(ModelManifest manifest, byte[] modelBytes, String source) {

  public static final String MODEL_FILE = "model.onnx";
  public static final String MANIFEST_FILE = "manifest.json";
  public static final String CLASSPATH_PREFIX = "classpath:";
  private static final String FILE_PREFIX = "file:";

  /**
   * Loads from {@code classpath:<dir>} or a filesystem directory (optionally prefixed {@code file:}).
   *
   * @throws InvalidModelException when a file is missing or the manifest is unusable
   */
  public static ModelBundle load(String location) {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      return fromClasspath(location.substring(CLASSPATH_PREFIX.length()));
    }
    String dir = location.startsWith(FILE_PREFIX) ? location.substring(FILE_PREFIX.length()) : location;
    return fromDirectory(Path.of(dir));
  }

  public static ModelBundle fromDirectory(Path dir) {
    String source = dir.toAbsolutePath().toString();
    return of(read(dir.resolve(MANIFEST_FILE), source), read(dir.resolve(MODEL_FILE), source), source);
  }

  public static ModelBundle fromClasspath(String dir) {
    String base = dir.endsWith("/") ? dir : dir + "/";
    if (base.startsWith("/")) base = base.substring(1);
    String source = CLASSPATH_PREFIX + base;
    return of(readResource(base + MANIFEST_FILE, source), readResource(base + MODEL_FILE, source), source);
  }

  /** Builds a bundle from bytes already in hand (tests, or a model fetched from elsewhere). */
  public static ModelBundle of(byte[] manifestJson, byte[] modelBytes, String source) {
    ModelManifest manifest;
    try {
      manifest = ModelManifest.parse(manifestJson);
    } catch (IOException e) {
      throw new InvalidModelException("invalid model at " + source + ": " + MANIFEST_FILE + " is not valid: "
          + e.getMessage(), e);
    }
    List<String> problems = manifest.problems();
    if (!problems.isEmpty()) {
      throw new InvalidModelException(source + "/" + MANIFEST_FILE, problems);
    }
    return new ModelBundle(manifest, modelBytes, source);
  }

  private static byte[] read(Path file, String source) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException("invalid model at " + source + ": " + file.getFileName() + " not found");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static byte[] readResource(String resource, String source) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) loader = ModelBundle.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidModelException("invalid model at " + source + ": resource " + resource
            + " not found on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }
}
