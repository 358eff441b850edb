package io.github.vae4j.io;

import static io.github.vae4j.io.TestModels.assertSameModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import io.github.vae4j.VaeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing replaces a file as a whole or not at all, and leaves no temporary file behind. */
class AtomicWriteTest {

    private static final SavedModel FIRST = TestModels.small();
    private static final SavedModel SECOND = TestModels.model(8, TestModels.config(9, Likelihood.BERNOULLI,
            GaussianVariance.learned(), 7), 500, 2, -55.0);

    @TempDir
    Path dir;

    @Test
    void writingOverAFileReplacesIt() throws Exception {
        Path file = dir.resolve("model.vae4j");
        ModelFile.write(file, FIRST);
        ModelFile.write(file, SECOND);

        assertSameModel(ModelFile.read(file), SECOND);
        assertThat(files()).containsExactly(file);
    }

    @Test
    void aWriteThatFailsMidwayLeavesThePreviousFile() throws Exception {
        Path file = dir.resolve("model.vae4j");
        ModelFile.write(file, FIRST);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(ModelFile.toBytes(SECOND), 0, 3_000);
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(IOException.class).hasMessage("disk full (simulated)");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw new UncheckedIOException(new IOException("serialisation failed (simulated)"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[10]);
            throw new OutOfMemoryError("simulated");
        })).isInstanceOf(OutOfMemoryError.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertSameModel(ModelFile.read(file), FIRST);
        assertThat(files()).containsExactly(file);
    }

    @Test
    void aModelBeyondTheFormatsLimitsIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path file = dir.resolve("model.vae4j");
        ModelFile.write(file, FIRST);
        byte[] before = Files.readAllBytes(file);
        SavedModel tooDeep = new SavedModel(new VaeConfig(6, 2, Collections.nCopies(65, 4), Likelihood.BERNOULLI,
                GaussianVariance.learned(), 1), FIRST.defaults(), FIRST.provenance(), FIRST.state(), FIRST.progress());
        SavedModel longName = new SavedModel(FIRST.config(), FIRST.defaults(), new Provenance("v", "j",
                "x".repeat(16_385), 0, 0, 0, Double.NaN, TestModels.CREATED), FIRST.state(), FIRST.progress());
        SavedModel manySlots = new SavedModel(FIRST.config(), FIRST.defaults(), FIRST.provenance(),
                new io.github.vae4j.spi.ModelState(new float[3], FIRST.state().optimizer(),
                        Collections.nCopies(9, new float[3]), 0), FIRST.progress());

        assertThatThrownBy(() -> ModelFile.write(file, tooDeep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot save the model: 65 hidden layers, the format allows at most 64");
        assertThatThrownBy(() -> ModelFile.write(file, longName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot save the model: the backend description has 16385 bytes in UTF-8, the format "
                        + "allows at most 16384");
        assertThatThrownBy(() -> ModelFile.write(file, manySlots)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot save the model: 9 optimizer slots, the format allows at most 8");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(files()).containsExactly(file);
    }

    @Test
    void aMissingFolderIsAClearErrorAndIsNotCreated() {
        Path file = dir.resolve("no-such-folder").resolve("model.vae4j");

        assertThatThrownBy(() -> ModelFile.write(file, FIRST)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-such-folder").hasMessageContaining("does not exist");
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }

    @Test
    void aFolderIsNotReplaced() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("model.vae4j"));

        assertThatThrownBy(() -> ModelFile.write(folder, FIRST)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("is a folder");
        assertThat(folder).isDirectory();
        assertThat(files()).containsExactly(folder);
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesThePreviousFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path folder = Files.createDirectory(dir.resolve("read-only"));
        Path file = folder.resolve("model.vae4j");
        ModelFile.write(file, FIRST);
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(folder), "permissions are not enforced (running as root?)");

            assertThatThrownBy(() -> ModelFile.write(file, SECOND)).isInstanceOf(IOException.class);

            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            try (Stream<Path> list = Files.list(folder)) {
                assertThat(list).containsExactly(file);
            }
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheDefaultOnes() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> defaults = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        Path file = dir.resolve("model.vae4j");

        ModelFile.write(file, FIRST);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(defaults);

        Set<PosixFilePermission> custom = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, custom);
        ModelFile.write(file, SECOND);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(custom);
    }

    @Test
    void aSymbolicLinkIsReplacedNotFollowed() throws Exception {
        Path real = dir.resolve("real.vae4j");
        ModelFile.write(real, FIRST);
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link.vae4j"), real);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "no symbolic links here: " + e);
            return;
        }

        ModelFile.write(link, SECOND);

        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertSameModel(ModelFile.read(link), SECOND);
        assertSameModel(ModelFile.read(real), FIRST);
    }

    @Test
    void concurrentWritersLeaveOneWholeModel() throws Exception {
        Path file = dir.resolve("model.vae4j");
        List<SavedModel> models = List.of(FIRST, SECOND);
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < 4; t++) {
            SavedModel model = models.get(t % 2);
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        ModelFile.write(file, model);
                        ModelFile.read(file); // a reader never sees a partial file
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        SavedModel last = ModelFile.read(file);
        assertThat(last.config()).isIn(FIRST.config(), SECOND.config());
        assertThat(files()).containsExactly(file);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }
}
