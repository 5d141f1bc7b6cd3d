package io.shoal.node.inference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The JSON manifest that travels beside {@code model.onnx}: what the model expects and what its outputs mean.
 * Labels come only from here, never from code. Unknown fields are ignored so the trainer can add to the manifest;
 * missing or inconsistent ones are reported by {@link #problems()}.
 *
 * @param training free-form notes from the trainer, kept but not interpreted
 */
public record ModelManifest(
    String name, String version, String description, Input input, Outputs outputs, JsonNode training) {

  /** The only layout, channel count and colour order the preprocessor produces. */
  static final String SUPPORTED_LAYOUT = "NCHW";
  static final String SUPPORTED_COLOR_ORDER = "RGB";
  static final int SUPPORTED_CHANNELS = 3;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** The image tensor the model takes and how pixels are normalised into it. */
  public record Input(
      String name, String layout, Integer channels, Integer height, Integer width, String colorOrder,
      Double scale, List<Double> mean, List<Double> std) {}

  public record Outputs(Head species, Head condition) {}

  /** One classification head: its output tensor and the label of each column, in column order. */
  public record Head(String name, List<String> labels, String noFishLabel) {}

  public static ModelManifest parse(byte[] json) throws IOException {
    return MAPPER.readValue(json, ModelManifest.class);
  }

  /** {@code name:version}, the string every prediction carries. */
  public String modelVersion() {
    return name + ":" + version;
  }

  /** C x H x W: floats one image occupies in the input tensor. Only meaningful once {@link #problems()} is empty. */
  public int floatsPerImage() {
    return input.channels() * input.height() * input.width();
  }

  /** Everything wrong with the manifest on its own (without looking at the model); empty when it is usable. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (blank(name)) p.add("name is missing");
    if (blank(version)) p.add("version is missing");
    if (input == null) {
      p.add("input is missing");
    } else {
      inputProblems(input, p);
    }
    if (outputs == null) {
      p.add("outputs is missing");
    } else {
      headProblems("outputs.species", outputs.species(), p);
      headProblems("outputs.condition", outputs.condition(), p);
      Head species = outputs.species();
      if (species != null && species.labels() != null) {
        if (blank(species.noFishLabel())) {
          p.add("outputs.species.noFishLabel is missing");
        } else if (!species.labels().contains(species.noFishLabel())) {
          p.add("outputs.species.noFishLabel \"" + species.noFishLabel() + "\" is not one of the species labels "
              + species.labels());
        }
      }
      if (outputs.species() != null && outputs.condition() != null && outputs.species().name() != null
          && outputs.species().name().equals(outputs.condition().name())) {
        p.add("outputs.species and outputs.condition name the same tensor \"" + outputs.species().name() + "\"");
      }
    }
    return p;
  }

  private static void inputProblems(Input in, List<String> p) {
    if (blank(in.name())) p.add("input.name is missing");
    if (!SUPPORTED_LAYOUT.equals(in.layout())) {
      p.add("input.layout must be " + SUPPORTED_LAYOUT + ", was " + in.layout());
    }
    if (!SUPPORTED_COLOR_ORDER.equals(in.colorOrder())) {
      p.add("input.colorOrder must be " + SUPPORTED_COLOR_ORDER + ", was " + in.colorOrder());
    }
    if (in.channels() == null || in.channels() != SUPPORTED_CHANNELS) {
      p.add("input.channels must be " + SUPPORTED_CHANNELS + ", was " + in.channels());
    }
    if (in.height() == null || in.height() < 1) p.add("input.height must be positive, was " + in.height());
    if (in.width() == null || in.width() < 1) p.add("input.width must be positive, was " + in.width());
    if (in.scale() == null || !(in.scale() > 0)) p.add("input.scale must be positive, was " + in.scale());
    perChannelProblems("input.mean", in.mean(), in.channels(), false, p);
    perChannelProblems("input.std", in.std(), in.channels(), true, p);
  }

  private static void perChannelProblems(String field, List<Double> values, Integer channels, boolean positive,
      List<String> p) {
    if (values == null) {
      p.add(field + " is missing");
      return;
    }
    if (channels != null && values.size() != channels) {
      p.add(field + " has " + values.size() + " values but input.channels is " + channels);
    }
    for (Double v : values) {
      if (v == null || v.isNaN() || v.isInfinite() || (positive && !(v > 0))) {
        p.add(field + " values must be finite" + (positive ? " and positive" : "") + ", got " + values);
        return;
      }
    }
  }

  private static void headProblems(String field, Head head, List<String> p) {
    if (head == null) {
      p.add(field + " is missing");
      return;
    }
    if (blank(head.name())) p.add(field + ".name is missing");
    if (head.labels() == null || head.labels().isEmpty()) {
      p.add(field + ".labels is missing or empty");
    } else if (new HashSet<>(head.labels()).size() != head.labels().size() || head.labels().stream().anyMatch(
        ModelManifest::blank)) {
      p.add(field + ".labels must be distinct and non-empty, got " + head.labels());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
