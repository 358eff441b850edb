package io.github.vae4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.ModelState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

/** Models built directly from the records, comparisons, and byte-level tools for the format tests. */
final class TestModels {

    static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

    private TestModels() {
    }

    static VaeConfig config(int inputSize, Likelihood likelihood, GaussianVariance variance, Integer... hidden) {
        return new VaeConfig(inputSize, 3, List.of(hidden), likelihood, variance, 42L);
    }

    static final TrainingDefaults DEFAULTS = new TrainingDefaults(12, 32, 0.75);

    /** A model with random parameters and optimiser slots drawn from {@code seed}. */
    static SavedModel model(long seed, VaeConfig config, int parameters, int slots, double finalElbo) {
        Random random = new Random(seed);
        float[] values = floats(random, parameters);
        List<float[]> slotValues = new ArrayList<>();
        for (int k = 0; k < slots; k++) {
            slotValues.add(floats(random, parameters));
        }
        Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "17.0.15", "test backend, ünïcödé ✓ 𝛽", 60_000L,
                7, config.seed(), finalElbo, CREATED);
        TrainingProgress progress = new TrainingProgress(7, 13_125L,
                new long[] {random.nextLong(), 1, Double.doubleToRawLongBits(random.nextGaussian())},
                new long[] {random.nextLong(), 0, 0});
        return new SavedModel(config, DEFAULTS, provenance,
                new ModelState(values, Optimizer.adam(1e-3), slotValues, 13_125L), progress);
    }

    /** A small Gaussian model: 3 optimiser slots of 1,000 floats. */
    static SavedModel small() {
        return model(7, config(6, Likelihood.GAUSSIAN, GaussianVariance.learned(), 5, 4), 1_000, 3, -123.456);
    }

    private static float[] floats(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Asserts that every field of {@code actual} equals that of {@code expected}, arrays element by element. */
    static void assertSameModel(SavedModel actual, SavedModel expected) {
        assertThat(actual.config()).isEqualTo(expected.config());
        assertThat(actual.defaults()).isEqualTo(expected.defaults());
        assertThat(actual.scaling() == null).as("a scaling").isEqualTo(expected.scaling() == null);
        if (expected.scaling() != null) {
            assertThat(actual.scaling().center()).containsExactly(expected.scaling().center());
            assertThat(actual.scaling().scale()).containsExactly(expected.scaling().scale());
        }
        assertThat(actual.provenance()).isEqualTo(expected.provenance());
        assertThat(actual.progress().epochsCompleted()).isEqualTo(expected.progress().epochsCompleted());
        assertThat(actual.progress().stepsCompleted()).isEqualTo(expected.progress().stepsCompleted());
        assertThat(actual.progress().shuffleRandom()).containsExactly(expected.progress().shuffleRandom());
        assertThat(actual.progress().noiseRandom()).containsExactly(expected.progress().noiseRandom());
        assertSameState(actual.state(), expected.state());
        RunProgress ar = actual.progress().run();
        RunProgress er = expected.progress().run();
        assertThat(ar == null).as("a run in progress").isEqualTo(er == null);
        if (er != null) {
            assertThat(ar.epochs()).isEqualTo(er.epochs());
            assertThat(ar.steps()).isEqualTo(er.steps());
            assertThat(ar.bestEpoch()).isEqualTo(er.bestEpoch());
            assertThat(Double.doubleToRawLongBits(ar.bestValidationElbo()))
                    .isEqualTo(Double.doubleToRawLongBits(er.bestValidationElbo()));
            assertThat(ar.epochsSinceBest()).isEqualTo(er.epochsSinceBest());
            assertThat(ar.hasBestState()).isEqualTo(er.hasBestState());
            if (er.hasBestState()) {
                assertSameState(ar.bestState(), er.bestState());
            }
        }
    }

    static void assertSameState(ModelState a, ModelState e) {
        assertThat(a.optimizer()).isEqualTo(e.optimizer());
        assertThat(a.optimizerStep()).isEqualTo(e.optimizerStep());
        assertThat(Arrays.equals(a.parameters(), e.parameters())).as("parameters equal").isTrue();
        assertThat(a.optimizerSlots()).hasSameSizeAs(e.optimizerSlots());
        for (int k = 0; k < e.optimizerSlots().size(); k++) {
            assertThat(Arrays.equals(a.optimizerSlots().get(k), e.optimizerSlots().get(k)))
                    .as("optimizer slot %s equal", k).isTrue();
        }
    }

    /** Recomputes both checksums of a file whose declared length is its actual length. */
    static byte[] rechecksum(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        b.putInt(20, crc(file, 0, 20));
        b.putInt(file.length - 4, crc(file, 0, file.length - 4));
        return file;
    }

    /** Sets the declared length to the actual length, then recomputes both checksums. */
    static byte[] fixLengthAndRechecksum(byte[] file) {
        ByteBuffer.wrap(file).putLong(12, file.length);
        return rechecksum(file);
    }

    static int crc(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    static byte[] putInt(byte[] file, int offset, int value) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    /**
     * The offset of every field of a valid file, found by walking it by the layout of docs/model-format.md (an
     * independent reading of the specification, not the library's code). Keys are field names; sections start at
     * "configuration", "provenance", "training progress", "model state", "parameters", "optimizer slot k" and
     * "checksum".
     */
    static Map<String, Integer> offsets(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        Map<String, Integer> at = new LinkedHashMap<>();
        at.put("magic", 0);
        at.put("version", 8);
        at.put("file length", 12);
        at.put("header checksum", 20);
        int p = 24;
        at.put("configuration", p);
        at.put("input size", p);
        at.put("latent size", p + 4);
        at.put("hidden layer count", p + 8);
        int hidden = b.getInt(p + 8);
        p += 12;
        at.put("hidden sizes", p);
        p += 4 * hidden;
        at.put("likelihood length", p);
        p += 4 + b.getInt(p);
        int version = b.getInt(8);
        if (version >= 5) { // version 5 added the likelihood's parameters
            at.put("likelihood parameter count", p);
            p += 4 + 8 * b.getInt(p);
        }
        at.put("variance kind", p);
        at.put("variance value", p + 1);
        p += 9;
        if (version < 3) { // version 3 moved the training settings out of the configuration
            at.put("beta", p);
            at.put("epochs", p + 8);
            at.put("batch size", p + 12);
            at.put("learning rate", p + 16);
            p += 24;
        }
        at.put("seed", p);
        p += 8;
        if (version >= 2) { // version 2 added the image shape and the convolutions
            at.put("image flag", p);
            at.put("image height", p + 1);
            at.put("image width", p + 5);
            at.put("image channels", p + 9);
            at.put("convolution count", p + 13);
            int convolutions = b.getInt(p + 13);
            p += 17;
            at.put("convolution filters", p);
            p += 4 * convolutions;
            at.put("kernel size", p);
            at.put("stride", p + 4);
            at.put("padding length", p + 8);
            p += 8;
            p += 4 + b.getInt(p);
        }
        if (version >= 4) { // version 4 added a tabular model's schema and scaling
            at.put("schema", p);
            at.put("schema flag", p);
            boolean schema = file[p] == 1;
            p += 1;
            if (schema) {
                at.put("variance floor", p);
                at.put("unknown levels policy", p + 8);
                at.put("column count", p + 9);
                int columns = b.getInt(p + 9);
                p += 13;
                for (int c = 0; c < columns; c++) {
                    at.put("column " + c + " name length", p);
                    p += 4 + b.getInt(p);
                    at.put("column " + c + " kind", p);
                    p += 3;
                    if (version >= 6) { // version 6 added the condition flag
                        at.put("column " + c + " condition flag", p);
                        p += 1;
                    }
                    at.put("column " + c + " level count", p);
                    int levels = b.getInt(p);
                    p += 4;
                    for (int k = 0; k < levels; k++) {
                        p += 4 + b.getInt(p);
                    }
                }
            }
            if (version >= 5) { // version 5 added the prior at the end of the configuration
                at.put("prior length", p);
                p += 4 + b.getInt(p);
                at.put("prior parameter count", p);
                p += 4 + 8 * b.getInt(p);
            }
            if (version >= 6) { // version 6 added the condition width
                at.put("condition width", p);
                p += 4;
            }
            at.put("scaling", p);
            at.put("scaling flag", p);
            boolean scaling = file[p] == 1;
            p += 1;
            if (scaling) {
                at.put("scaled column count", p);
                p += 4 + 16 * b.getInt(p);
            }
        }
        if (version >= 3) {
            at.put("training defaults", p);
            at.put("epochs", p);
            at.put("batch size", p + 4);
            at.put("beta", p + 8);
            p += 16;
            if (version >= 4) {
                at.put("gradient norm limit", p);
                p += 8;
            }
        }
        at.put("provenance", p);
        at.put("library version length", p);
        p += 4 + b.getInt(p);
        at.put("Java version length", p);
        p += 4 + b.getInt(p);
        at.put("backend length", p);
        p += 4 + b.getInt(p);
        at.put("training examples", p);
        at.put("provenance epochs", p + 8);
        at.put("provenance seed", p + 12);
        at.put("final ELBO", p + 20);
        at.put("created seconds", p + 28);
        at.put("created nanos", p + 36);
        p += 40;
        at.put("training progress", p);
        at.put("epochs completed", p);
        at.put("steps completed", p + 4);
        at.put("shuffle random", p + 12);
        at.put("noise random", p + 36);
        p += 60;
        boolean best = false;
        if (version >= 3) {
            at.put("run progress", p);
            at.put("run flag", p);
            boolean run = file[p] == 1;
            p += 1;
            if (run) {
                at.put("run epochs", p);
                at.put("run steps", p + 4);
                at.put("best epoch", p + 12);
                at.put("best validation ELBO", p + 16);
                at.put("epochs since best", p + 24);
                at.put("best state flag", p + 28);
                at.put("best optimizer step", p + 29);
                best = file[p + 28] == 1;
                p += 37;
            }
        }
        at.put("model state", p);
        if (version >= 3) {
            at.put("optimizer length", p);
            p += 4 + b.getInt(p);
            at.put("hyperparameter count", p);
            int hyperparameters = b.getInt(p);
            at.put("learning rate", p + 4);
            at.put("hyperparameters", p + 12);
            p += 12 + 8 * hyperparameters;
        }
        at.put("parameter count", p);
        at.put("slot count", p + 4);
        at.put("optimizer step", p + 8);
        int parameters = b.getInt(p);
        int slots = b.getInt(p + 4);
        p += 16;
        for (String prefix : best ? new String[] {"", "best "} : new String[] {""}) {
            at.put(prefix + "parameters", p);
            p += 4 * parameters;
            for (int k = 1; k <= slots; k++) {
                at.put(prefix + "optimizer slot " + k, p);
                p += 4 * parameters;
            }
        }
        at.put("checksum", p);
        assertThat(p + 4).as("walked length").isEqualTo(file.length);
        return at;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
