package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

  private static final InferenceSettings.Preprocessing LENIENT_LIMITS =
      new InferenceSettings.Preprocessing(16_777_216L, true);

  /** Identity normalisation, so the output floats are the resized 8-bit values themselves. */
  private static ImagePreprocessor raw(int width, int height) {
    return new ImagePreprocessor(input(width, height, 1.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)),
        LENIENT_LIMITS);
  }

  private static ModelManifest.Input input(int w, int h, double scale, List<Double> mean, List<Double> std) {
    return new ModelManifest.Input("image", "NCHW", 3, h, w, "RGB", scale, mean, std);
  }

  @Test
  void tenByTenToTwoByTwoIsTheMeanOfEachFiveByFiveBlock() {
    // Each 5x5 block is a base value plus gradients that cancel out over the block, so its mean is the base.
    int[][] baseR = {{10, 200}, {90, 33}};
    BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        int dx = x % 5 - 2;
        int dy = y % 5 - 2;
        int r = baseR[y / 5][x / 5] + 3 * dx + 2 * dy;
        int g = 100 + 7 * dx - 5 * dy;
        int b = 250 - 10 * (y / 5) - 20 * (x / 5) + dx;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }

    float[] out = raw(2, 2).preprocess(TestImages.encode(image, "png"));

    // CHW: the red plane (4 values, row-major), then green, then blue.
    assertThat(out).containsExactly(
        10, 200, 90, 33,
        100, 100, 100, 100,
        250, 230, 240, 220);
  }

  @Test
  void matchesPillowBoxResizeBitForBitOnNonIntegerRatios() {
    // Expected values come from Pillow 9.4: Image.fromarray(a).resize((ow, oh), Image.BOX) on seeded random RGB.
    assertPillow(13, 7, 5, 3,
        "8826d916cdfb21c6c1ff91a761565a702416da6ec212cddb8d8800160eb686b2eb819333b5011c188c53c786ed62c2f971445abc2f0dd"
            + "ac24097acb7a3823bc913d16283160ecc206ebdf9d6297e4c73291017808b9eec5eaf92bb2e667840ed06ce14c83158d4a4b6a00467"
            + "4d81a0d2233ea18bca9783713a5151731e512c3a22389617c344f98dafbf4ce3e35356106efab8dbf0a2dfd32cb9d94610c2b4a1f57"
            + "34c2ac30912c21f7955b3be36c25a893463116daa7ff83c931872f795a3e4b0198cad0f2444c710c588c2a4d7d33117f2285d17077b"
            + "7739446f7f3db9360ba0faeb8b22847f272be24dbed34bdcaed4c82aec8ebba8be0b4bdc5dc3b7aef7227d2d69694a69532231d1e78"
            + "172d65e1f",
        "5698cda4575b938d7c744b68837f795a7182465f628182879a7a7f9e8e9286a0709b8fa368796c4c478686728d");
    assertPillow(23, 17, 7, 5,
        "45cf3478d0aeb1cbea318130f6458376288942213909bdaf4cccc77935bf875429bb163aa710839011ee78ab7ae6b7f02a30e96f01dc22"
            + "29f4652ad5b73b38a1df9244b33fd8e3189d42f74f356b91c474fa0ed50a5c6a6f740905ce4a1e79d775c831631612e9e5e0decf49b1a8"
            + "533d7d06b8aeb1d202a39ad1c623453c2ed5172f2d3347de0dce637ee20131e0fdcb41e073c9bbf4c5c76daa33aad79fb878dfb785b45d"
            + "71f14697dbddc715e13e8e17817b7549696f81e4059991db058a096fbcc9238edad73ec8d7511de6838a70dd741cab57a688a7cec29978"
            + "fc85e6da3f50b390f347461412f7d6c3c70619935ae67ca2674ebc902d61b78d7b5c2f175333288faa647fcb72accf4d6e9b539a77ade3"
            + "072cb5f558f8b5cc6f4ebe94fb6705ef3616dfcb464c55956881551ffeb19f78da5da3e1084975e33bba4159d2b0edec0ebb3e0ddb55c6"
            + "08480540ebeae3f5284bdc622f6f575c73a92cef5320bda8998e0db24881938dadc8bcdc00ffc17310aa5371c06827f808682758ff6ad2"
            + "a363d0ba313b52bebcbe2abd1f94555b75d0050a292c1b69600d17807584c5da8aecb815925fb20e963d768c2591b7781b49297a248fe6"
            + "6a784480d12224f00bedfd261c06517f560d42b24a56e17e344c3772c2018d2a699b8a6137c91f3d72e52f4db00107af34335aa1b03971"
            + "9b51c09f5cc469aef5a03970166c07b45782a2351e7105c556e3ec3ef67972c35d80be98e87d9fbc7eb80120b3f84f1975c50d10449b8a"
            + "a4c36cf11bf8825d764320385cc73412da428d1d86b78555fcc9fb5a097348c3a6bc7c9fb14553f54914fe13ad18802570725ef310e75d"
            + "e0a82043c1ad74f3713bb4e115ce3330dabbb85e2c534e046404cfd1bb4794711d028c29fb402d97a99476df124bdb3b86ff04fe552ec2"
            + "15ad257e6ab92eb809e6cda942a69d6e4cd0044feb4f97a0dfbce523ca7187954fe93d18cd585ca67d73f5a09d249e150bbaeac1995a72"
            + "6a126471c9fb39a70a70dcf02dad2e767e5e862f30cfc87154d8041da98889ff24a1f07dadec9d781a97efd82cebdf6f969fb721cb14fb"
            + "ab2bda53cc4c0dacd4ec0ee95bfd3f6cc094a2177172a275cc5825a6c99cd63c469751ef744b7879d605d197c826f82264f54c330c6bf0"
            + "3c787b4e5c9477fa5561c858fea01014cb2d15d4ec9d46efa3957cfbc8ceab3cf99e7d2064f070016515f09b89382907c55c92f08bd08a"
            + "f4993679bab4bece5d84584455752af4afb4e154e769858b5cc94a854e0b8bd95f805c701fdbd848885e88059e041a5d17de87d32bde89"
            + "02d7ca6ae55db7f68a425de723e09f5b4d0d50d58db533d150a99ecb1b5b3f7eaa3eed17ac018b6e1ef0effe47367a6e3efaebcfa8cea6"
            + "f4baac511cba25a852f0ff14c6c4460c18521fe9941b7e3b599d95c07fea6dc7a3f9d94def3afc57883c89de930991c12924bacf0a8ed1"
            + "4cfb8b46c3f45e5b3d594fc1196dd4a5c8c4758791e9ce950d95f6b40330517aa8e633fa36f1f34b4a84a26897794a5d37329fb5c8da83"
            + "23f5d0e79ced86416343cbfd288da0ef6d7c422ee9bc232a58f77c8829437f0be9057e4c5b85626f66d928f830530cfe5c52cb2619f644"
            + "e4891c471771c6a4bf580a7cd807fa0ae41e",
        "94a086946b7f51b48ba26b718b907a5667a79b7a5b5cb7958e7994797d887f7572808a5c7b63756d8d456f7c517063a28d616f936f9251"
            + "a55f93779189976e928c7f679a88a078767c6e7b8f897d897e9c649287747c7b8981939b8089999f56618b66958c6f9b8394");
  }

  @Test
  void roundsToEightBitsAfterEachPassLikePillow() {
    // 20x10 -> 4x2 is an exact 5x5 mean, yet Pillow's horizontal-then-vertical 8-bit rounding makes 3 of these
    // 24 values differ from the once-rounded exact mean: the contract is Pillow's output, not the ideal mean.
    String input = "42ebb8e4b1ecb01dc9e6d384e51e3478f1b9e0505546a905549ba2c56ccfe855eea162a9432c04696d08a85f0c4ae4e2b1f72e"
        + "1886f492bc9d9a2dbfaa1e4761c49c3043e5cd5b0194fcd2ef77879ef2623fb03d95522b0859106d1fee0a5111d2ccc3d41d4f54e416a"
        + "43d2726512abf2087e42daa68015e8f267199421f4db8434ce3dfe404770bd18a4932ac69cf474a5f714ff7c07effe30004c709dd0652"
        + "dd9dc9f82495d27f0a9330803ee3066f7b77d624f90833ef1b54910395849d2cd2bcca3a920a8047d219bf217f1e9904f1097badc8b12"
        + "4f83e6a301f2fbbe94ba1d69e817ecb70edd72ebbb1afe724c4df0ec49476dbc26a427f24331bb543dddd1adbcd580a6d06f1eb24b774"
        + "759a15410e2ebd10b671d334008d2103de0f6f4b54ae1f4968399145bd74edefddb3143cafc7651e6d1ef934f90a4d41f4d82110d8137d"
        + "a2b424821378b1a9c51a5150ccb9a3f40abf6185388a54499e33d5f5c63ec0ec4443c97f0e315d060bced0987a75218ee4fcf02563314"
        + "ca25a3f3ed79d171c1b18ac2bb9bb4bed231114b3bf76134b6bfeb4aa017ff95af7e3087d2aa93e9698aab3742e1f9cdaee12e702bdd2"
        + "98eacdbbc99c6e1552a677ca8f61a2e541e6c8d2a6d3d893f390046928dfa968dcf01b47e5b549076f55d49ea121406734fccbe6ad877"
        + "6fa578e3b120791551184e08756afe0c352da239b03c2e7eedb2324deefc6dbc00c3b659aa0fd334a554a9e6926db6f1e8586ca5ff248"
        + "2dedc09b066d06551d1da2f3e4a6aeed6df6b4dd13dedbdf294608963274ceb2f087e169723f72ffc84495e7953c45e19cfeb7cafabef"
        + "e5c42d7";
    String pillow = "9f6b7e739a5f766d7183798286768c8b6f7b898a99958e7b";
    assertPillow(20, 10, 4, 2, input, pillow);

    int[] source = unsigned(HexFormat.of().parseHex(input));
    int[] onceRounded = exactBlockMeans(source, 20, 10, 5);
    assertThat(onceRounded).isNotEqualTo(unsigned(HexFormat.of().parseHex(pillow)));
  }

  private static void assertPillow(int w, int h, int ow, int oh, String inputHex, String expectedHex) {
    int[] source = unsigned(HexFormat.of().parseHex(inputHex));
    assertThat(source).hasSize(w * h * 3);
    BoxResampler.Rows rows = (y, rgb) -> System.arraycopy(source, y * w * 3, rgb, 0, w * 3);
    assertThat(BoxResampler.resize(rows, w, h, ow, oh)).containsExactly(unsigned(HexFormat.of().parseHex(expectedHex)));
  }

  private static int[] exactBlockMeans(int[] rgb, int w, int h, int block) {
    int ow = w / block;
    int oh = h / block;
    int[] out = new int[ow * oh * 3];
    for (int yy = 0; yy < oh; yy++) {
      for (int xx = 0; xx < ow; xx++) {
        for (int c = 0; c < 3; c++) {
          int sum = 0;
          for (int y = yy * block; y < (yy + 1) * block; y++) {
            for (int x = xx * block; x < (xx + 1) * block; x++) {
              sum += rgb[(y * w + x) * 3 + c];
            }
          }
          out[(yy * ow + xx) * 3 + c] = Math.round(sum / (float) (block * block));
        }
      }
    }
    return out;
  }

  private static int[] unsigned(byte[] bytes) {
    int[] out = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xFF;
    return out;
  }

  @Test
  void normalisesWithScaleMeanAndStdPerChannel() {
    ImagePreprocessor pre = new ImagePreprocessor(
        input(4, 3, 255.0, List.of(0.30, 0.45, 0.50), List.of(0.15, 0.15, 0.15)), LENIENT_LIMITS);
    BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 8; x++) {
        image.setRGB(x, y, (51 << 16) | (204 << 8) | 255);
      }
    }

    float[] out = pre.preprocess(TestImages.encode(image, "png"));

    assertThat(out).hasSize(3 * 4 * 3);
    float[] red = Arrays.copyOfRange(out, 0, 12);
    float[] green = Arrays.copyOfRange(out, 12, 24);
    float[] blue = Arrays.copyOfRange(out, 24, 36);
    for (int i = 0; i < 12; i++) {
      assertThat(red[i]).isCloseTo((float) ((51 / 255.0 - 0.30) / 0.15), within(1e-6f));
      assertThat(green[i]).isCloseTo((float) ((204 / 255.0 - 0.45) / 0.15), within(1e-6f));
      assertThat(blue[i]).isCloseTo((float) ((255 / 255.0 - 0.50) / 0.15), within(1e-6f));
    }
  }

  @Test
  void decodesPngExactlyAndJpegClosely() {
    ImagePreprocessor pre = raw(128, 96);
    BufferedImage frame = TestImages.frame(3);
    int[] reference = pre.resize(frame);

    float[] fromPng = pre.preprocess(TestImages.encode(frame, "png"));
    float[] fromJpeg = pre.preprocess(TestImages.encode(frame, "jpeg"));

    assertThat(fromPng).containsExactly(toChw(reference, 128, 96));
    // JPEG is lossy; after a 5x5 average a smooth frame stays within a few levels.
    float[] expected = toChw(reference, 128, 96);
    for (int i = 0; i < expected.length; i++) {
      assertThat(fromJpeg[i]).as("value %d", i).isCloseTo(expected[i], within(8f));
    }
  }

  @Test
  void everyRasterLayoutGivesTheSameRgb() {
    ImagePreprocessor pre = raw(16, 12);
    BufferedImage bgr = randomImage(80, 60, 11);
    int[] expected = pre.resize(bgr);

    for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR,
        BufferedImage.TYPE_4BYTE_ABGR}) {
      assertThat(pre.resize(convert(bgr, type))).as("image type %d", type).containsExactly(expected);
    }
    // A sub-image shares the parent's array at an offset.
    BufferedImage parent = new BufferedImage(100, 70, BufferedImage.TYPE_3BYTE_BGR);
    parent.getGraphics().drawImage(bgr, 7, 5, null);
    assertThat(pre.resize(parent.getSubimage(7, 5, 80, 60))).as("sub-image").containsExactly(expected);
  }

  @Test
  void grayIsReplicatedRawLikePillowNotGammaConverted() {
    BufferedImage gray = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((java.awt.image.DataBufferByte) gray.getRaster().getDataBuffer()).getData();
    Arrays.fill(data, (byte) 100);

    float[] out = raw(2, 2).preprocess(TestImages.encode(gray, "png"));

    assertThat(out).containsOnly(100f);
  }

  @Test
  void indexedImagesGoThroughTheFallbackPath() {
    BufferedImage indexed = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_INDEXED);
    indexed.setRGB(0, 0, 0xFFFFFF);
    int[] viaFallback = raw(2, 2).resize(indexed);
    int[] viaBgr = raw(2, 2).resize(convert(indexed, BufferedImage.TYPE_3BYTE_BGR));
    assertThat(viaFallback).containsExactly(viaBgr);
  }

  @Test
  void writesIntoASlotOfABatchBuffer() {
    ImagePreprocessor pre = raw(16, 12);
    byte[] png = TestImages.encode(randomImage(32, 24, 5), "png");
    FloatBuffer batch = OnnxModel.allocateBatch(3, pre.floatsPerImage());

    pre.preprocessInto(png, batch, 2);

    float[] slot = new float[pre.floatsPerImage()];
    batch.get(2 * pre.floatsPerImage(), slot);
    assertThat(slot).containsExactly(pre.preprocess(png));
    float[] untouched = new float[2 * pre.floatsPerImage()];
    batch.get(0, untouched);
    assertThat(untouched).containsOnly(0f);
    assertThat(batch.position()).isZero();
  }

  @Test
  void refusesASlotPastTheBufferLimitBeforeWritingAnything() {
    ImagePreprocessor pre = raw(16, 12);
    byte[] png = TestImages.encode(randomImage(32, 24, 5), "png");
    FloatBuffer batch = OnnxModel.allocateBatch(2, pre.floatsPerImage());
    batch.limit(pre.floatsPerImage() + 1); // room for one image and a bit

    assertThatThrownBy(() -> pre.preprocessInto(png, batch, 1)).isInstanceOf(IndexOutOfBoundsException.class);

    float[] all = new float[2 * pre.floatsPerImage()];
    batch.clear().get(0, all);
    assertThat(all).containsOnly(0f);
  }

  @Test
  void rejectsBytesThatAreNotJpegOrPng() {
    ImagePreprocessor pre = raw(4, 4);
    byte[] garbage = new byte[500];
    new Random(1).nextBytes(garbage);
    byte[] gif = TestImages.encode(randomImage(8, 8, 1), "gif");

    for (byte[] bad : List.of(garbage, new byte[0], "hello".getBytes(), gif)) {
      assertThatThrownBy(() -> pre.preprocess(bad))
          .isInstanceOf(UndecodableImageException.class)
          .hasMessageStartingWith("undecodable image: ");
    }
    assertThatThrownBy(() -> pre.preprocess(null)).isInstanceOf(UndecodableImageException.class);
  }

  @Test
  void rejectsCorruptAndTruncatedImages() {
    ImagePreprocessor pre = raw(16, 12);
    byte[] png = TestImages.png(7);
    byte[] jpeg = TestImages.jpeg(7);
    byte[] corruptPng = png.clone();
    for (int i = 60; i < Math.min(corruptPng.length, 400); i++) corruptPng[i] ^= (byte) 0x5A;

    for (byte[] bad : List.of(Arrays.copyOf(png, png.length / 2), Arrays.copyOf(jpeg, jpeg.length / 2), corruptPng,
        Arrays.copyOf(jpeg, 20))) {
      assertThatThrownBy(() -> pre.preprocess(bad))
          .isInstanceOf(UndecodableImageException.class)
          .hasMessageStartingWith("undecodable image: ");
    }
  }

  @Test
  void rejectsImagesAboveTheConfiguredPixelCount() {
    ImagePreprocessor small = new ImagePreprocessor(input(4, 4, 1.0, List.of(0.0, 0.0, 0.0),
        List.of(1.0, 1.0, 1.0)), new InferenceSettings.Preprocessing(100 * 100 - 1, true));
    byte[] png = TestImages.encode(randomImage(100, 100, 2), "png");

    assertThatThrownBy(() -> small.preprocess(png))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("image too large: 100x100 = 10000 pixels exceeds max-image-pixels 9999");
    assertThat(small.preprocess(TestImages.encode(randomImage(99, 100, 2), "png"))).hasSize(48);
  }

  @Test
  void rejectsADecompressionBombFromItsHeaderWithoutDecodingIt() {
    // A valid small PNG whose header is rewritten to claim 100000 x 100000 pixels (40 GB decoded).
    byte[] bomb = withPngSize(TestImages.encode(randomImage(8, 8, 3), "png"), 100_000, 100_000);

    assertThatThrownBy(() -> raw(4, 4).preprocess(bomb))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("100000x100000");
  }

  private static byte[] withPngSize(byte[] png, int width, int height) {
    byte[] out = png.clone();
    ByteBuffer buf = ByteBuffer.wrap(out);
    int ihdrType = 12; // after the 8-byte signature and the 4-byte chunk length
    assertThat(new String(out, ihdrType, 4)).isEqualTo("IHDR");
    buf.putInt(ihdrType + 4, width);
    buf.putInt(ihdrType + 8, height);
    CRC32 crc = new CRC32();
    crc.update(out, ihdrType, 4 + 13);
    buf.putInt(ihdrType + 4 + 13, (int) crc.getValue());
    return out;
  }

  private static BufferedImage randomImage(int w, int h, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  private static BufferedImage convert(BufferedImage source, int type) {
    BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), type);
    out.getGraphics().drawImage(source, 0, 0, null);
    return out;
  }

  private static float[] toChw(int[] rgb, int w, int h) {
    int plane = w * h;
    float[] out = new float[3 * plane];
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) out[c * plane + p] = rgb[p * 3 + c];
    }
    return out;
  }
}
