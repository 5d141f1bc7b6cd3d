package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training and serving must feed the model the same pixels. The fixture (written by {@code model/parity_fixture.py})
 * holds rendered camera JPEGs and the uint8 images training made of them with Pillow (decode, RGB, BOX resize); the
 * server's preprocessor, with normalisation set to identity, must reproduce them from the same bytes.
 */
class PillowParityTest {

  private static final int HEIGHT = 96;
  private static final int WIDTH = 128;
  private static final double LEVELS = 255.0;

  /** Identity normalisation: the preprocessor's output times 255 is the resized 8-bit pixel. */
  private final ImagePreprocessor preprocessor = new ImagePreprocessor(
      new ModelManifest.Input("image", "NCHW", 3, HEIGHT, WIDTH, "RGB", LEVELS,
          List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)),
      new InferenceSettings.Preprocessing(16_777_216L, true));

  @ParameterizedTest
  @ValueSource(strings = {"000000", "000001", "000002"})
  void javaPreprocessingReproducesPillowPixelForPixel(String frame) throws IOException {
    byte[] jpeg = resource(frame + ".jpg");
    byte[] pillow = resource(frame + ".pillow.u8");
    float[] java = preprocessor.preprocess(jpeg);

    assertThat(java).hasSize(pillow.length);
    int differing = 0;
    for (int i = 0; i < pillow.length; i++) {
      if (Math.round(java[i] * LEVELS) != Byte.toUnsignedInt(pillow[i])) {
        differing++;
      }
    }
    assertThat(differing).as("pixels (of %d) where Java and Pillow disagree", pillow.length).isZero();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PillowParityTest.class.getResourceAsStream("/parity/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}
