package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.data.CsvSource;
import io.github.vae4j.data.Idx;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.training.Batches;
import io.github.vae4j.training.HoldOut;
import io.github.vae4j.training.StreamedBatches;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data sources and the streamed shuffle: every row once per epoch, in bounded memory, bad values named. */
class DataSourceTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<float[]> readAll(DataSource source) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (DataSource.RowReader r = source.open()) {
            float[] row = new float[source.width()];
            while (r.next(row)) {
                rows.add(row.clone());
            }
        }
        return rows;
    }

    @Test
    void aCsvFileIsItsHeaderThenRowsOfNumbers() throws IOException {
        Path file = csv("a.csv", "\uFEFFa,b,\"c, quoted\"\r\n1,2.5,-3e2\r\n\r\n 0.125 ,\"4\",5\n");
        CsvSource source = (CsvSource) DataSource.csv(file);
        assertThat(source.width()).isEqualTo(3);
        assertThat(source.columns()).containsExactly("a", "b", "c, quoted");
        assertThat(source.size()).isEmpty();
        List<float[]> rows = readAll(source);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(1f, 2.5f, -300f);
        assertThat(rows.get(1)).containsExactly(0.125f, 4f, 5f);
        assertThat(readAll(source)).hasSize(2); // re-readable
    }

    @Test
    void aGzipCompressedCsvFileReadsAsThePlainOne() throws IOException {
        Path file = dir.resolve("a.csv.data"); // recognised by its magic number, not its name
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b\n1,2\n3,4.5\n".getBytes(StandardCharsets.UTF_8));
        }
        List<float[]> rows = readAll(DataSource.csv(file));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly(3f, 4.5f);
    }

    @Test
    void aBadCsvValueNamesTheFileLineAndColumn() throws IOException {
        Path file = csv("bad.csv", "x,y\n1,2\n3,abc\n");
        assertThatThrownBy(() -> readAll(DataSource.csv(file))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 3, column 1 (y): 'abc' is not a number");
        Path empty = csv("empty-field.csv", "x,y\n1,\n");
        assertThatThrownBy(() -> readAll(DataSource.csv(empty))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(empty + " line 2, column 1 (y) is empty; a CSV source holds numbers only");
        Path ragged = csv("ragged.csv", "x,y\n1,2\n1,2,3\n");
        assertThatThrownBy(() -> readAll(DataSource.csv(ragged))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ragged + " line 3 has 3 fields, the header has 2");
        Path nothing = csv("nothing.csv", "");
        assertThatThrownBy(() -> DataSource.csv(nothing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty: a CSV source needs a header line");
        Path blankHeader = csv("blank.csv", "x,,z\n1,2,3\n");
        assertThatThrownBy(() -> DataSource.csv(blankHeader)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header field 1 is empty");
        assertThatThrownBy(() -> DataSource.csv(dir.resolve("missing.csv")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    private Path idx(String name, int n, int h, int w, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream o = gzip ? new GZIPOutputStream(bytes) : bytes;
                DataOutputStream out = new DataOutputStream(o)) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(h);
            out.writeInt(w);
            for (int i = 0; i < n * h * w; i++) {
                out.writeByte(i * 7);
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    void anIdxFileStreamsTheImagesIdxReads(boolean gzip) throws IOException {
        Path file = idx("images.idx", 5, 3, 2, gzip);
        DataSource source = DataSource.idx(file);
        assertThat(source.width()).isEqualTo(6);
        assertThat(source.size()).hasValue(5);
        List<float[]> rows = readAll(source);
        float[][] all = Idx.readImages(file);
        assertThat(rows).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(rows.get(i)).containsExactly(all[i]);
        }
    }

    @Test
    void aTruncatedIdxFileSaysWhere() throws IOException {
        Path file = idx("images.idx", 5, 3, 2, false);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> readAll(DataSource.idx(file))).isInstanceOf(IOException.class)
                .hasMessage(file + " is truncated at image 4 of 5");
        Path notIdx = csv("not.idx", "x,y\n1,2\n");
        assertThatThrownBy(() -> DataSource.idx(notIdx)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an IDX image file");
    }

    @Test
    void anArraySourceReadsItsRowsAndNamesRaggedOnes() throws IOException {
        float[][] rows = {{1, 2}, {3, 4}, {5}};
        DataSource source = DataSource.of(rows);
        assertThat(source.size()).hasValue(3);
        assertThatThrownBy(() -> readAll(source)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data row 2 has 1 columns, expected 2 (the length of row 0)");
        assertThatThrownBy(() -> DataSource.of(new float[0][])).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------- the shuffle

    /** A source of rows 0..n-1, each row holding its index, that counts how many rows were ever in memory. */
    private static DataSource counting(int n) {
        return new DataSource() {
            @Override
            public int width() {
                return 1;
            }

            @Override
            public RowReader open() {
                return new RowReader() {
                    int next;

                    @Override
                    public boolean next(float[] row) {
                        if (next == n) {
                            return false;
                        }
                        row[0] = next++;
                        return true;
                    }

                    @Override
                    public String where() {
                        return "row " + (next - 1);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    private static List<Integer> epoch(Batches batches, int batchSize) throws IOException {
        List<Integer> order = new ArrayList<>();
        float[] x = new float[batchSize];
        for (int n = batches.next(x); n > 0; n = batches.next(x)) {
            assertThat(n).isLessThanOrEqualTo(batchSize);
            for (int i = 0; i < n; i++) {
                order.add((int) x[i]);
            }
        }
        return order;
    }

    @Test
    void theStreamedShuffleGivesEveryRowOncePerEpochInANewOrder() throws IOException {
        RandomStream random = new RandomStream(1);
        List<Integer> first = epoch(new StreamedBatches(counting(1000), HoldOut.NONE, 0, 100, 32, random), 32);
        List<Integer> second = epoch(new StreamedBatches(counting(1000), HoldOut.NONE, 0, 100, 32, random), 32);
        for (List<Integer> order : List.of(first, second)) {
            assertThat(order).hasSize(1000);
            assertThat(new HashSet<>(order)).hasSize(1000);
        }
        assertThat(first).isNotEqualTo(second);
        // a rolling buffer of 100 moves a row at most a little earlier than it was read: row i comes out after
        // i - 100 other rows at the least
        for (int k = 0; k < first.size(); k++) {
            assertThat(first.get(k)).isLessThan(k + 101);
        }
        // but far later is possible, and far from the identity
        int displaced = 0;
        for (int k = 0; k < first.size(); k++) {
            if (Math.abs(first.get(k) - k) > 10) {
                displaced++;
            }
        }
        assertThat(displaced).isGreaterThan(800);
    }

    @Test
    void aSourceNoLargerThanTheBufferIsShuffledUniformly() throws IOException {
        // each of 5 rows comes first about 1/5 of the time
        int[] firsts = new int[5];
        RandomStream random = new RandomStream(2);
        for (int trial = 0; trial < 5000; trial++) {
            firsts[epoch(new StreamedBatches(counting(5), HoldOut.NONE, 0, 8, 2, random), 2).get(0)]++;
        }
        for (int f : firsts) {
            assertThat(f).isBetween(900, 1100);
        }
    }

    @Test
    void heldOutRowsAreNeverTrainedOn() throws IOException {
        HoldOut holdOut = HoldOut.of(7, 0.3);
        List<Integer> order = epoch(new StreamedBatches(counting(2000), holdOut, 0, 50, 10, new RandomStream(3)),
                10);
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            if (!holdOut.isHeldOut(i)) {
                expected.add(i);
            }
        }
        assertThat(new HashSet<>(order)).isEqualTo(expected);
        assertThat(order).hasSameSizeAs(expected);
    }

    @Test
    void aRowOutsideTheUnitIntervalIsNamedForBernoulli() throws IOException {
        Path file = csv("p.csv", "p0,p1\n0.5,0.25\n0.5,1.5\n");
        Batches batches = new StreamedBatches(DataSource.csv(file), HoldOut.NONE, Integer.MAX_VALUE, 10, 4, new RandomStream(4));
        assertThatThrownBy(() -> epoch(batches, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 3, column 1 (p1) is 1.5, outside [0, 1] as the Bernoulli likelihood "
                        + "requires");
        Path nan = csv("nan.csv", "p0,p1\nNaN,0\n");
        assertThatThrownBy(() -> epoch(new StreamedBatches(DataSource.csv(nan), HoldOut.NONE, 0, 10, 4,
                new RandomStream(4)), 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(nan + " line 2, column 0 (p0) is NaN; values must be finite");
    }
}
