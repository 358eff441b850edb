package io.github.vae4j.io;

import static io.github.vae4j.io.TestModels.assertSameModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates a valid file of a small model in thousands of ways, with a fixed seed. Every variant either loads a model
 * (the original, or, where the mutation was re-checksummed, a model that writes back to exactly the variant's bytes)
 * or is rejected with a {@link ModelFormatException}; nothing else ever escapes.
 */
class ModelFileFuzzTest {

    private static final int VARIANTS = 6_000;

    enum Mutation {
        FLIP_BYTES, TRUNCATE, INSERT, DELETE, OVERWRITE_LENGTH_FIELD, FLIP_BYTES_RECHECKSUMMED,
        INSERT_OR_DELETE_RECHECKSUMMED
    }

    private static final SavedModel MODEL = TestModels.model(99, TestModels.config(6, Likelihood.GAUSSIAN,
            GaussianVariance.learned(), 4), 40, 2, -17.5);
    private static final byte[] FILE = ModelFile.toBytes(MODEL);
    private static final Map<String, Integer> AT = TestModels.offsets(FILE);
    private static final List<String> LENGTH_FIELDS = List.of("file length", "hidden layer count",
            "likelihood length", "library version length", "Java version length", "backend length",
            "parameter count", "slot count");

    @TempDir
    Path dir;

    @Test
    void everyVariantLoadsOrIsAModelFormatException() throws Exception {
        Random random = new Random(20_250_601L);
        Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class); // {loaded, rejected}
        Path file = dir.resolve("fuzz.vae4j");
        for (int i = 0; i < VARIANTS; i++) {
            Mutation mutation = Mutation.values()[i % Mutation.values().length];
            byte[] variant = mutate(mutation, random);
            boolean rechecksummed = mutation == Mutation.OVERWRITE_LENGTH_FIELD
                    || mutation == Mutation.FLIP_BYTES_RECHECKSUMMED
                    || mutation == Mutation.INSERT_OR_DELETE_RECHECKSUMMED;
            int route = i % 20; // mostly in memory; some through a file and a stream
            try {
                SavedModel loaded = route == 0 ? readFile(file, variant)
                        : route == 1 ? ModelFile.read(new ByteArrayInputStream(variant))
                        : ModelFile.fromBytes(variant);
                if (rechecksummed) {
                    // a valid file, maybe of another model: the format is canonical, so it writes back identically
                    assertThat(ModelFile.toBytes(loaded)).as("variant %s (%s) written back", i, mutation)
                            .isEqualTo(variant);
                } else {
                    assertSameModel(loaded, MODEL);
                }
                outcomes.computeIfAbsent(mutation, m -> new int[2])[0]++;
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).as("variant %s (%s)", i, mutation).isNotBlank()
                        .doesNotContain("internal error");
                outcomes.computeIfAbsent(mutation, m -> new int[2])[1]++;
            } catch (Throwable t) {
                fail("variant " + i + " (" + mutation + ") threw " + t + "; bytes " + Arrays.toString(variant), t);
            }
        }
        int total = outcomes.values().stream().mapToInt(o -> o[0] + o[1]).sum();
        assertThat(total).isEqualTo(VARIANTS);
        // plain corruption is caught by the checksums, except for mutations that change nothing
        assertThat(outcomes.get(Mutation.FLIP_BYTES)[0]).isZero();
        assertThat(outcomes.get(Mutation.TRUNCATE)[0]).isZero();
        // re-checksummed mutations reach the parser: some load (a flipped float), many are rejected by its checks
        assertThat(outcomes.get(Mutation.FLIP_BYTES_RECHECKSUMMED)[0]).isPositive();
        assertThat(outcomes.get(Mutation.FLIP_BYTES_RECHECKSUMMED)[1]).isPositive();
        assertThat(outcomes.get(Mutation.OVERWRITE_LENGTH_FIELD)[1]).isPositive();
    }

    private static SavedModel readFile(Path file, byte[] variant) throws Exception {
        Files.write(file, variant);
        return ModelFile.read(file);
    }

    private static byte[] mutate(Mutation mutation, Random random) {
        byte[] file = FILE.clone();
        switch (mutation) {
            case FLIP_BYTES:
                return flip(file, random);
            case TRUNCATE:
                return Arrays.copyOf(file, random.nextInt(file.length));
            case INSERT:
                return insert(file, random);
            case DELETE:
                return delete(file, random);
            case OVERWRITE_LENGTH_FIELD: {
                String field = LENGTH_FIELDS.get(random.nextInt(LENGTH_FIELDS.size()));
                int offset = AT.get(field);
                ByteBuffer b = ByteBuffer.wrap(file);
                if (field.equals("file length")) {
                    b.putLong(offset, interesting(random, b.getInt(offset + 4)));
                } else {
                    b.putInt(offset, (int) interesting(random, b.getInt(offset)));
                }
                return TestModels.rechecksum(file);
            }
            case FLIP_BYTES_RECHECKSUMMED:
                return TestModels.rechecksum(flip(file, random));
            case INSERT_OR_DELETE_RECHECKSUMMED:
                return TestModels.fixLengthAndRechecksum(random.nextBoolean() ? insert(file, random)
                        : delete(file, random));
            default:
                throw new AssertionError(mutation);
        }
    }

    private static byte[] flip(byte[] file, Random random) {
        int flips = 1 + random.nextInt(8);
        for (int k = 0; k < flips; k++) {
            file[random.nextInt(file.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return file;
    }

    private static byte[] insert(byte[] file, Random random) {
        int at = random.nextInt(file.length + 1);
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        byte[] out = new byte[file.length + extra.length];
        System.arraycopy(file, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(file, at, out, at + extra.length, file.length - at);
        return out;
    }

    private static byte[] delete(byte[] file, Random random) {
        int count = 1 + random.nextInt(16);
        int at = random.nextInt(file.length - count);
        byte[] out = new byte[file.length - count];
        System.arraycopy(file, 0, out, 0, at);
        System.arraycopy(file, at + count, out, at, file.length - at - count);
        return out;
    }

    /** Boundary values, limits and their neighbours, small counts, and random ones. */
    private static long interesting(Random random, int current) {
        long[] values = {0, 1, -1, 2, 3, current - 1, current + 1, current * 2L, 8, 9, 64, 65, 16_384, 16_385,
            ModelFile.MAX_PARAMETERS, ModelFile.MAX_PARAMETERS + 1L, Integer.MAX_VALUE, Integer.MIN_VALUE,
            1_000_000_000, FILE.length, FILE.length - 1};
        return random.nextInt(4) == 0 ? random.nextInt() : values[random.nextInt(values.length)];
    }
}
