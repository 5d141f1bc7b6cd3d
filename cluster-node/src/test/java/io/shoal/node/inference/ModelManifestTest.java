package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest on its own, and against the ONNX graph it travels with (the model at the default location). */
class ModelManifestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InferenceSettings.Onnx CPU =
      new InferenceSettings.Onnx(InferenceSettings.Provider.CPU, 0, 1, "");
  private static final ModelBundle DEFAULT = ModelBundle.load(ModelBundle.CLASSPATH_PREFIX + "shoal-model");

  @Test
  void theBundledManifestDescribesTheContract() {
    ModelManifest m = DEFAULT.manifest();

    assertThat(m.problems()).isEmpty();
    assertThat(m.input().name()).isEqualTo("image");
    assertThat(m.floatsPerImage()).isEqualTo(3 * 96 * 128);
    assertThat(m.outputs().species().labels()).contains(m.outputs().species().noFishLabel());
    assertThat(m.outputs().condition().labels())
        .containsExactly("healthy", "lesion", "sea_lice", "fin_damage", "dead");
    assertThat(m.modelVersion()).isEqualTo(m.name() + ":" + m.version());
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    ModelBundle bundle = bundleWith(root -> {
      root.put("licence", "internal");
      ((ObjectNode) root.get("input")).put("interpolation", "box");
      root.putObject("training").put("epochs", 30).putArray("augment").add("flip");
    });

    assertThat(bundle.manifest().training().get("epochs").asInt()).isEqualTo(30);
  }

  @Test
  void aManifestThatContradictsItselfFailsListingEveryProblem() {
    assertThatThrownBy(() -> bundleWith(root -> {
      ((ObjectNode) root.at("/outputs/species")).put("noFishLabel", "empty_pen");
      ((ArrayNode) root.at("/input/mean")).remove(2);
      ((ObjectNode) root.get("input")).remove("name");
      ((ObjectNode) root.get("input")).put("colorOrder", "BGR");
    }))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("noFishLabel \"empty_pen\" is not one of the species labels")
        .hasMessageContaining("input.mean has 2 values but input.channels is 3")
        .hasMessageContaining("input.name is missing")
        .hasMessageContaining("input.colorOrder must be RGB, was BGR");
  }

  @Test
  void aManifestThatIsNotJsonFailsClearly() {
    assertThatThrownBy(() -> ModelBundle.of("{\"name\": ".getBytes(), DEFAULT.modelBytes(), "test"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("manifest.json is not valid");
  }

  @Test
  void labelCountsThatDisagreeWithTheGraphFailFast() {
    ModelBundle fewerSpecies = bundleWith(root -> ((ArrayNode) root.at("/outputs/species/labels")).remove(0));

    assertThatThrownBy(() -> OnnxModel.open(fewerSpecies, CPU))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("output \"species_probs\" (" + (speciesCount() - 1) + " labels)")
        .hasMessageContaining("the graph says [-1, " + speciesCount() + "]");
  }

  @Test
  void inputNameAndSizeThatDisagreeWithTheGraphFailFast() {
    ModelBundle wrongInput = bundleWith(root -> {
      ((ObjectNode) root.get("input")).put("height", 64);
    });
    ModelBundle renamed = bundleWith(root -> ((ObjectNode) root.get("input")).put("name", "pixels"));

    assertThatThrownBy(() -> OnnxModel.open(wrongInput, CPU))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("input \"image\" must have shape [-1, 3, 64, 128]");
    assertThatThrownBy(() -> OnnxModel.open(renamed, CPU))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("input.name \"pixels\" is not a graph input; graph inputs are [image]");
  }

  @Test
  void anOutputNameMissingFromTheGraphFailsFast() {
    ModelBundle bundle = bundleWith(root -> ((ObjectNode) root.at("/outputs/condition")).put("name", "health"));

    assertThatThrownBy(() -> OnnxModel.open(bundle, CPU))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("manifest output \"health\" is not a graph output");
  }

  @Test
  void loadsFromADirectoryAndSaysWhichFileIsMissing(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve(ModelBundle.MANIFEST_FILE), JSON.writeValueAsBytes(defaultJson()));

    assertThatThrownBy(() -> ModelBundle.load(dir.toString()))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("model.onnx not found");

    Files.write(dir.resolve(ModelBundle.MODEL_FILE), DEFAULT.modelBytes());
    ModelBundle fromDir = ModelBundle.load("file:" + dir);
    assertThat(fromDir.manifest()).isEqualTo(DEFAULT.manifest());
    try (OnnxModel model = OnnxModel.open(fromDir, CPU)) {
      assertThat(model.manifest().modelVersion()).isEqualTo(DEFAULT.manifest().modelVersion());
    }
  }

  @Test
  void aMissingClasspathModelFailsClearly() {
    assertThatThrownBy(() -> ModelBundle.load("classpath:no-such-model"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("no-such-model/manifest.json not found on the classpath");
  }

  @Test
  void bytesThatAreNotAnOnnxGraphFailClearly() {
    ModelBundle notOnnx = ModelBundle.of(defaultJsonBytes(), "not a model".getBytes(), "test");

    assertThatThrownBy(() -> OnnxModel.open(notOnnx, CPU))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("ONNX Runtime cannot load model.onnx");
  }

  private static int speciesCount() {
    return DEFAULT.manifest().outputs().species().labels().size();
  }

  private static ObjectNode defaultJson() {
    return JSON.valueToTree(DEFAULT.manifest());
  }

  private static byte[] defaultJsonBytes() {
    try {
      return JSON.writeValueAsBytes(defaultJson());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ModelBundle bundleWith(Consumer<ObjectNode> edit) {
    ObjectNode root = defaultJson();
    edit.accept(root);
    try {
      return ModelBundle.of(JSON.writeValueAsBytes(root), DEFAULT.modelBytes(), "test");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
