package io.github.vae4j.io;

import static io.github.vae4j.io.TestModels.fixLengthAndRechecksum;
import static io.github.vae4j.io.TestModels.putInt;
import static io.github.vae4j.io.TestModels.rechecksum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a file can be wrong is a {@link ModelFormatException} that says what is wrong. */
class ModelFileCorruptionTest {

    /** Far below any size a file could claim in these tests (hundreds of MB at least), far above parsing 16 KB. */
    private static final long ALLOCATION_BOUND = 4L << 20;

    private static final SavedModel MODEL = TestModels.small();
    private static final byte[] FILE = ModelFile.toBytes(MODEL);
    private static final Map<String, Integer> AT = TestModels.offsets(FILE);

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------------------ truncation

    @ParameterizedTest(name = "cut inside {0}")
    @CsvSource({
        "configuration, 6, configuration",
        "training defaults, 5, training defaults",
        "provenance, 30, provenance",
        "training progress, 20, training progress",
        "run progress, 0, run progress",
        "model state, 10, model state",
        "parameters, 1, parameters",
        "parameters, 2000, parameters",
        "optimizer slot 2, 3999, optimizer slot 2",
        "optimizer slot 3, 2, optimizer slot 3",
        "checksum, 0, checksum",
        "checksum, 3, checksum"})
    void truncationSaysWhereTheFileEnds(String field, int plus, String section) {
        int length = AT.get(field) + plus;
        byte[] cut = Arrays.copyOf(FILE, length);

        assertRejected(cut).hasMessage("truncated model file: it has " + length + " of the " + FILE.length
                + " bytes its header declares; it ends inside the " + section + (section.equals("checksum") ? ""
                        : " section"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 8, 12, 23})
    void truncationInsideTheHeader(int length) {
        assertRejected(Arrays.copyOf(FILE, length))
                .hasMessage("truncated model file: it has " + length + " bytes and ends inside the 24-byte header");
    }

    @Test
    void anEmptyFileIsNotAModelFile() {
        assertRejected(new byte[0]).hasMessage("not a vae4j model file: the file is empty");
    }

    @Test
    void aTruncatedFileOnDiskNamesTheFile() throws Exception {
        Path file = dir.resolve("cut.vae4j");
        Files.write(file, Arrays.copyOf(FILE, FILE.length - 1));

        assertThatThrownBy(() -> ModelFile.read(file)).isExactlyInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file + ": truncated model file")
                .hasMessageEndingWith("it ends inside the checksum");
    }

    // ------------------------------------------------------------------------------------------------ flipped bytes

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"configuration", "hidden sizes", "likelihood length", "variance kind", "seed",
        "training defaults", "beta", "provenance", "backend length", "final ELBO", "created nanos",
        "training progress", "noise random", "run progress", "model state", "optimizer length", "learning rate",
        "hyperparameters", "parameter count", "slot count", "optimizer step", "parameters", "optimizer slot 1",
        "optimizer slot 3", "checksum"})
    void aFlippedByteInTheBodyIsAChecksumMismatch(String field) {
        for (int bit : new int[] {0x01, 0x80, 0xff}) {
            byte[] corrupted = FILE.clone();
            corrupted[AT.get(field) + 1] ^= (byte) bit;

            assertRejected(corrupted).hasMessageStartingWith("checksum mismatch: the file is corrupted (stored CRC32C");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 11, 12, 15, 19, 20, 23})
    void aFlippedByteInTheHeaderIsAHeaderChecksumMismatch(int offset) {
        byte[] corrupted = FILE.clone();
        corrupted[offset] ^= 0x10;

        assertRejected(corrupted).hasMessageStartingWith("header checksum mismatch: the file's header is corrupted");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 5, 6, 7})
    void aFlippedByteInTheMagicNumberIsNotAModelFile(int offset) {
        byte[] corrupted = FILE.clone();
        corrupted[offset] ^= 0x20;

        assertRejected(corrupted).hasMessageStartingWith("not a vae4j model file: the magic number does not match");
    }

    @Test
    void otherFilesAreNotModelFiles() {
        assertRejected(TestModels.utf8("{\"inputSize\": 784}\n")).hasMessage(
                "not a vae4j model file: the magic number does not match (the file starts with "
                        + "7b 22 69 6e 70 75 74 53)");
        assertRejected(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13})
                .hasMessageStartingWith("not a vae4j model file");
        assertRejected(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}).hasMessageStartingWith("not a vae4j model file");
        byte[] textMode = new byte[FILE.length - 1]; // CR LF turned into LF by a text-mode transfer
        System.arraycopy(FILE, 0, textMode, 0, 5);
        System.arraycopy(FILE, 6, textMode, 5, FILE.length - 6);
        assertRejected(textMode).hasMessageStartingWith("not a vae4j model file");
    }

    @Test
    void trailingGarbageIsRejected() {
        byte[] longer = Arrays.copyOf(FILE, FILE.length + 3);

        assertRejected(longer).hasMessage("trailing garbage: 3 unexpected bytes after the end of the model, which its "
                + "header says has " + FILE.length + " bytes");
    }

    // ------------------------------------------------------------------------------------------------ versions

    @Test
    void aNewerFormatIsReportedAsSuch() {
        byte[] newer = rechecksum(putInt(FILE, 8, ModelFile.FORMAT_VERSION + 1));

        assertRejected(newer).hasMessage("written by a newer vae4j: format " + (ModelFile.FORMAT_VERSION + 1)
                + ", this library reads up to " + ModelFile.FORMAT_VERSION);
    }

    @Test
    void aNewerFormatIsReportedEvenIfItsBodyIsUnknown() {
        // a future version may change everything after the 24-byte header
        byte[] future = Arrays.copyOf(TestModels.putInt(FILE, 8, 7), 100);
        ByteBuffer.wrap(future).putLong(12, 1_000_000);
        ByteBuffer.wrap(future).putInt(20, TestModels.crc(future, 0, 20));

        assertRejected(future).hasMessage("written by a newer vae4j: format 7, this library reads up to " + ModelFile.FORMAT_VERSION);
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(future)))
                .isExactlyInstanceOf(ModelFormatException.class)
                .hasMessage("written by a newer vae4j: format 7, this library reads up to " + ModelFile.FORMAT_VERSION);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void versionsStartAtOne(int version) {
        assertRejected(rechecksum(putInt(FILE, 8, version)))
                .hasMessage("invalid format version " + version + ": versions start at 1");
    }

    // ------------------------------------------------------------------------------------------------ bad content

    @Test
    void anUnknownLikelihoodIsNamed() {
        byte[] poisson = replaceString(FILE, AT.get("likelihood length"), "POISSON");

        assertRejected(poisson).hasMessageStartingWith("unknown likelihood 'POISSON': this library knows BERNOULLI, "
                + "GAUSSIAN, ").hasMessageContaining("register a likelihood of your own with Likelihoods.register before "
                + "loading (offset " + AT.get("likelihood length") + ", configuration section)");
        assertRejected(replaceString(FILE, AT.get("likelihood length"), "gaussian"))
                .hasMessageStartingWith("unknown likelihood 'gaussian'");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bad = replaceBytes(FILE, AT.get("backend length"), new byte[] {'o', 'k', (byte) 0xc3, '('});
        assertRejected(bad).hasMessage("backend description at offset " + (AT.get("backend length") + 4)
                + " in the provenance section is not valid UTF-8");
        byte[] overlong = replaceBytes(FILE, AT.get("backend length"), new byte[] {(byte) 0xc0, (byte) 0xaf});
        assertRejected(overlong).hasMessageEndingWith("is not valid UTF-8");
        byte[] surrogate = replaceBytes(FILE, AT.get("backend length"), new byte[] {(byte) 0xed, (byte) 0xa0,
            (byte) 0x80});
        assertRejected(surrogate).hasMessageEndingWith("is not valid UTF-8");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "input size         | 0          | invalid model: a saved model needs its input size",
        "input size         | -5         | invalid configuration: input size must be between 1 and 16777216",
        "latent size        | 0          | invalid configuration: latent size must be between 1 and 16777216",
        "latent size        | 16777217   | invalid configuration: latent size must be between 1 and 16777216",
        "hidden sizes       | 0          | hidden layer 0 has size 0, it must be between 1 and 16777216",
        "hidden sizes       | 16777217   | hidden layer 0 has size 16777217, it must be between 1 and 16777216",
        "epochs             | -2         | invalid configuration: epochs must be >= 0 (or -1, sized by the data), got -2",
        "batch size         | 0          | invalid configuration: batch size must be positive, got 0",
        "created nanos      | 1000000000 | creation time has 1000000000 nanoseconds, it must be between 0",
        "created nanos      | -1         | creation time has -1 nanoseconds",
        "epochs completed   | -3         | invalid training progress: epochs completed must be >= 0, got -3"})
    void invalidValuesAreRejectedWithTheRecordsMessage(String field, int value, String message) {
        assertRejected(rechecksum(putInt(FILE, AT.get(field), value))).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "variance value  | -1.0      | invalid configuration: Gaussian variance floor must be positive and finite",
        "variance value  | NaN       | invalid configuration: Gaussian variance floor must be positive and finite",
        "beta            | Infinity  | invalid configuration: beta must be finite and >= 0, got Infinity",
        "learning rate   | 0.0       | invalid optimizer: learning rate must be positive and finite, got 0.0",
        "learning rate   | -Infinity | invalid optimizer: learning rate must be positive and finite",
        "hyperparameters | 1.0       | invalid optimizer: Adam's beta1 must be in [0, 1), got 1.0",
        "hyperparameters | NaN       | invalid optimizer: Adam's beta1 must be in [0, 1), got NaN"})
    void invalidDoublesAreRejected(String field, double value, String message) {
        byte[] bad = FILE.clone();
        ByteBuffer.wrap(bad).putDouble(AT.get(field), value);

        assertRejected(rechecksum(bad)).hasMessageStartingWith(message);
    }

    @Test
    void otherInvalidValuesAreRejected() {
        byte[] kind = FILE.clone();
        kind[AT.get("variance kind")] = 2;
        assertRejected(rechecksum(kind))
                .hasMessageStartingWith("Gaussian variance kind is 2, it must be 0 (fixed) or 1 (learned)");

        byte[] seconds = FILE.clone();
        ByteBuffer.wrap(seconds).putLong(AT.get("created seconds"), Long.MAX_VALUE);
        assertRejected(rechecksum(seconds)).hasMessageStartingWith("invalid provenance: ");

        byte[] steps = FILE.clone();
        ByteBuffer.wrap(steps).putLong(AT.get("optimizer step"), -1);
        assertRejected(rechecksum(steps)).hasMessage("invalid model: optimizer step must be >= 0, got -1");

        assertRejected(replaceString(FILE, AT.get("optimizer length"), "ADAMW")).hasMessage(
                "invalid optimizer: unknown optimizer 'ADAMW': this library knows ADAM, RMSPROP and SGD (offset "
                        + AT.get("optimizer length") + ", model state section)");

        byte[] run = FILE.clone();
        run[AT.get("run flag")] = 2;
        assertRejected(rechecksum(run)).hasMessageStartingWith("run flag is 2, it must be 0 (no run in progress) or 1");

        assertRejected(rechecksum(putInt(FILE, AT.get("hyperparameter count"), 9))).hasMessageStartingWith(
                "optimizer hyperparameter count is 9, it must be between 0 and 8");
        // two hyperparameters for Adam's three: the learning rate and two values read, then the counts misread
        assertRejected(rechecksum(putInt(FILE, AT.get("hyperparameter count"), 2))).isInstanceOf(
                ModelFormatException.class);
    }

    // ------------------------------------------------------------------------------------------------ absurd sizes

    @ParameterizedTest(name = "parameter count {0}")
    @ValueSource(ints = {1_000_000_000, Integer.MAX_VALUE, ModelFile.MAX_PARAMETERS + 1, -1, Integer.MIN_VALUE})
    void aParameterCountBeyondTheLimitIsNeverAllocated(int count) {
        assertRejected(rechecksum(putInt(FILE, AT.get("parameter count"), count)))
                .hasMessage("parameter count is " + count + ", it must be between 0 and 268435456 (offset "
                        + AT.get("parameter count") + ", model state section)");
    }

    @Test
    void aParameterCountBeyondTheFileIsNeverAllocated() {
        assertRejected(rechecksum(putInt(FILE, AT.get("parameter count"), 200_000_000)))
                .hasMessageStartingWith("200000000 parameters and 3 optimizer slots need 3200000000 bytes, but 16000 "
                        + "bytes remain before the checksum");
        assertRejected(rechecksum(putInt(FILE, AT.get("parameter count"), 1_001)))
                .hasMessageStartingWith("1001 parameters and 3 optimizer slots need 16016 bytes, but 16000 bytes");
        assertRejected(rechecksum(putInt(FILE, AT.get("slot count"), 4)))
                .hasMessageStartingWith("1000 parameters and 4 optimizer slots need 20000 bytes, but 16000 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 1_000_000_000, -2})
    void tooManyOptimizerSlots(int slots) {
        assertRejected(rechecksum(putInt(FILE, AT.get("slot count"), slots)))
                .hasMessageStartingWith("optimizer slot count is " + slots + ", it must be between 0 and 8");
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 1_000_000_000, Integer.MAX_VALUE, -1})
    void tooManyHiddenLayers(int layers) {
        assertRejected(rechecksum(putInt(FILE, AT.get("hidden layer count"), layers)))
                .hasMessageStartingWith("hidden layer count is " + layers + ", it must be between 0 and 64");
    }

    @ParameterizedTest
    @CsvSource({
        "likelihood length, likelihood length (bytes), configuration",
        "library version length, library version length (bytes), provenance",
        "Java version length, Java version length (bytes), provenance",
        "backend length, backend description length (bytes), provenance"})
    void stringsBeyondTheLimitAreNeverAllocated(String field, String name, String section) {
        for (int length : new int[] {16_385, 1_000_000_000, Integer.MAX_VALUE, -7}) {
            assertRejected(rechecksum(putInt(FILE, AT.get(field), length))).hasMessage(name + " is " + length
                    + ", it must be between 0 and 16384 (offset " + AT.get(field) + ", " + section + " section)");
        }
    }

    @Test
    void stringsLongerThanTheFileAreRejected() {
        byte[] file = rechecksum(putInt(FILE, AT.get("backend length"), 16_384));
        assertRejected(file).hasMessage("the provenance section ends early: the backend description at offset "
                + (AT.get("backend length") + 4) + " needs 16384 bytes, only " + (FILE.length - 4 - AT.get(
                        "backend length") - 4) + " remain");

        // within the file: the string swallows what follows, binary floats that are not UTF-8
        byte[] swallowing = rechecksum(putInt(FILE, AT.get("backend length"), 2_000));
        assertRejected(swallowing).hasMessage("backend description at offset " + (AT.get("backend length") + 4)
                + " in the provenance section is not valid UTF-8");
    }

    @Test
    void aDeclaredLengthBeyondTheLimitIsRejected() {
        for (long length : new long[] {1L << 40, Long.MAX_VALUE, ModelFile.MAX_FILE_BYTES + 1, -1, 27}) {
            byte[] file = FILE.clone();
            ByteBuffer.wrap(file).putLong(12, length);
            ByteBuffer.wrap(file).putInt(20, TestModels.crc(file, 0, 20));

            assertRejected(file).hasMessage("the header declares a file length of " + length
                    + " bytes, which is not between 28 and 2147483639");
        }
    }

    @Test
    void aStreamClaimingTwoGigabytesIsNotTrusted() throws Exception {
        byte[] file = FILE.clone();
        ByteBuffer.wrap(file).putLong(12, ModelFile.MAX_FILE_BYTES);
        ByteBuffer.wrap(file).putInt(20, TestModels.crc(file, 0, 20));

        ModelFormatException e = allocationBounded(() -> ModelFile.read(new ByteArrayInputStream(file)));

        assertThat(e).hasMessageStartingWith("truncated model file: it has " + FILE.length + " of the 2147483639");
    }

    @Test
    void aFileLargerThanTheLimitIsNotRead() throws Exception {
        Path file = dir.resolve("huge.vae4j");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.write(FILE, 0, 24);
            sparse.setLength(ModelFile.MAX_FILE_BYTES + 100); // sparse: takes no disk space where supported
        } catch (java.io.IOException e) {
            assumeTrue(false, "cannot make a sparse file here: " + e);
        }

        ModelFormatException e = allocationBounded(() -> ModelFile.read(file));

        assertThat(e).hasMessage(file + ": 2147483739 bytes is larger than any model file (at most 2147483639 bytes)");
    }

    @Test
    void aMissingFileIsAnIoErrorNotAFormatError() {
        assertThatThrownBy(() -> ModelFile.read(dir.resolve("missing.vae4j")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void streamsReportTheSameProblems() {
        assertThatThrownBy(() -> ModelFile.read(InputStream.nullInputStream()))
                .isExactlyInstanceOf(ModelFormatException.class).hasMessage("not a vae4j model file: the file is empty");
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(Arrays.copyOf(FILE, 100))))
                .isExactlyInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("truncated model file: it has 100 of the");
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(Arrays.copyOf(FILE, FILE.length + 1))))
                .isExactlyInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("trailing garbage: the stream goes on after the end of the model");
        byte[] flipped = FILE.clone();
        flipped[5000] ^= 1;
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(flipped)))
                .isExactlyInstanceOf(ModelFormatException.class).hasMessageStartingWith("checksum mismatch");
    }

    @Test
    void theAllocationProbeSeesAnAllocation() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        assertThatThrownBy(() -> allocationBounded(() -> {
            byte[] claimed = new byte[(int) (2 * ALLOCATION_BOUND)];
            throw new ModelFormatException("allocated " + claimed.length);
        })).isInstanceOf(AssertionError.class).hasMessageContaining("bytes allocated while rejecting the file");
    }

    // ------------------------------------------------------------------------------------------------ tools

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] file) {
        ModelFormatException e = allocationBounded(() -> ModelFile.fromBytes(file));
        return assertThat((Throwable) e).isExactlyInstanceOf(ModelFormatException.class);
    }

    interface Read {
        Object run() throws Exception;
    }

    /** Runs a read that must fail with a ModelFormatException, allocating at most {@link #ALLOCATION_BOUND}. */
    private static ModelFormatException allocationBounded(Read read) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ModelFormatException e = catchThrowableOfType(() -> read.run(), ModelFormatException.class);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(e).as("a ModelFormatException").isNotNull();
        if (before >= 0) { // -1 where the JVM does not measure
            assertThat(allocated).as("bytes allocated while rejecting the file").isLessThan(ALLOCATION_BOUND);
        }
        return e;
    }

    /** Replaces the length-prefixed string at {@code offset} and fixes the declared length and checksums. */
    private static byte[] replaceString(byte[] file, int offset, String value) {
        return replaceBytes(file, offset, TestModels.utf8(value));
    }

    private static byte[] replaceBytes(byte[] file, int offset, byte[] value) {
        int oldLength = ByteBuffer.wrap(file).getInt(offset);
        byte[] out = new byte[file.length - oldLength + value.length];
        System.arraycopy(file, 0, out, 0, offset);
        ByteBuffer.wrap(out).putInt(offset, value.length);
        System.arraycopy(value, 0, out, offset + 4, value.length);
        System.arraycopy(file, offset + 4 + oldLength, out, offset + 4 + value.length,
                file.length - offset - 4 - oldLength);
        return fixLengthAndRechecksum(out);
    }
}
