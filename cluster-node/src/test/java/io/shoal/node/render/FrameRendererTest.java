package io.shoal.node.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FrameRendererTest {

  private final FrameRenderer renderer = new FrameRenderer();

  @Test
  void sameSeedAndTruthGiveTheSameBytes() {
    FrameTruth truth = FrameTruth.fish(Species.NILE_TILAPIA, Condition.LESION);
    assertThat(renderer.render(42, truth).jpeg()).isEqualTo(renderer.render(42, truth).jpeg());
    assertThat(renderer.render(43, truth).jpeg()).isNotEqualTo(renderer.render(42, truth).jpeg());
  }

  @Test
  void framesAreDecodableJpegsOfTheConfiguredSize() throws IOException {
    RenderedFrame frame = new FrameRenderer(320, 240).render(7, LabelMix.DATASET);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.jpeg()));
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(240);
  }

  @Test
  void theDatasetMixDrawsEverySpeciesConditionAndNoFish() {
    Set<Species> species = EnumSet.noneOf(Species.class);
    Set<Condition> conditions = EnumSet.noneOf(Condition.class);
    int noFish = 0;
    int frames = 600;
    for (int i = 0; i < frames; i++) {
      FrameTruth truth = LabelMix.DATASET.draw(new Dice(FrameSeeds.of(5, i)));
      truth.species().ifPresent(species::add);
      truth.condition().ifPresent(conditions::add);
      noFish += truth.fishPresent() ? 0 : 1;
    }
    assertThat(species).containsExactlyInAnyOrder(Species.values());
    assertThat(conditions).containsExactlyInAnyOrder(Condition.values());
    // One in six frames has no fish (100 expected); 600 draws land inside this band with overwhelming odds.
    assertThat(noFish).isBetween(60, 140);
  }

  @Test
  void everySpeciesAndConditionRendersToADifferentPicture() {
    Set<Integer> pictures = new HashSet<>();
    for (Species species : Species.values()) {
      for (Condition condition : Condition.values()) {
        // One seed for all: two equal pictures would mean the renderer ignored part of the truth.
        pictures.add(java.util.Arrays.hashCode(renderer.render(11, FrameTruth.fish(species, condition)).jpeg()));
      }
    }
    pictures.add(java.util.Arrays.hashCode(renderer.render(11, FrameTruth.NO_FISH).jpeg()));
    assertThat(pictures).hasSize(Species.values().length * Condition.values().length + 1);
  }

  @Test
  void frameSeedsOfDifferentSetsDoNotCollide() {
    Set<Long> seeds = new HashSet<>();
    for (long set : new long[] {1, 2, 20261126}) {
      for (int i = 0; i < 10_000; i++) {
        seeds.add(FrameSeeds.of(set, i));
      }
    }
    assertThat(seeds).hasSize(30_000);
  }

  @Test
  void noFishTruthHasNeitherSpeciesNorCondition() {
    assertThat(FrameTruth.NO_FISH.speciesLabel()).isEqualTo(FrameTruth.NO_FISH_LABEL);
    assertThat(FrameTruth.NO_FISH.conditionLabel()).isEqualTo(FrameTruth.NO_CONDITION_LABEL);
    assertThat(FrameTruth.fish(Species.ATLANTIC_SALMON, Condition.DEAD).speciesLabel()).isEqualTo("atlantic_salmon");
  }
}
