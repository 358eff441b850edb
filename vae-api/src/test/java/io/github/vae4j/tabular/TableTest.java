package io.github.vae4j.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.AnomalyThreshold;
import io.github.vae4j.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schemas, tables, CSV inference and reading, the encoding, thresholds and comparisons: no backend needed. */
class TableTest {

    @TempDir
    Path dir;

    private static final String CSV = """
            "status","age","home","records","income","score"
            "good",30,"rent","no",129,0.5
            "bad",58,"owner","yes",,1.5
            "good",46,"rent","no",200,NA
            "good",24,"parents","no",182,-2
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void inferenceFindsEachKindAndTheNullableColumns() throws IOException {
        Schema s = Table.inferSchema(write("a.csv", CSV));
        assertThat(s.columns()).containsExactly(
                Column.binary("status", "bad", "good"),
                Column.numeric("age"),
                Column.categorical("home", List.of("owner", "parents", "rent")),
                Column.binary("records", "no", "yes"),
                Column.numeric("income").withNullable(true),
                Column.numeric("score").withNullable(true));
        // widths: 1 + 1 + 3 + 1 + (1 + 1) + (1 + 1) in, 1 + 2 + 3 + 1 + 2 + 2 out
        assertThat(s.inputWidth()).isEqualTo(10);
        assertThat(s.headWidth()).isEqualTo(11);
        assertThat(s.inputOffset(4)).isEqualTo(6);
        assertThat(s.headOffset(4)).isEqualTo(7);
    }

    @Test
    void aNumericColumnOfTwoValuesStaysNumericSoThatAThirdValueCanBeScoredLater() throws IOException {
        Schema s = Table.inferSchema(write("b.csv", "flag,x,yes\n10,1,y\n9,2,n\n10,3,y\n"));
        assertThat(s.column(0)).isEqualTo(Column.numeric("flag"));
        assertThat(s.column(2)).as("text of two values is binary").isEqualTo(Column.binary("yes", "n", "y"));
        Table later = Table.readCsv(write("later.csv", "flag,x,yes\n15.852042,1,y\n"), s);
        assertThat(later.value(0, 0)).isEqualTo((double) 15.852042f);
    }

    @Test
    void aNumberBeyondTheFloatRangeIsRefusedNamingLineAndColumn() throws IOException {
        Path file = write("huge.csv", "x,y\n1,2\n3,1e39\n");
        assertThatThrownBy(() -> Table.readCsv(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("huge.csv line 3, column 'y' is 1e39, beyond the float range");
    }

    @Test
    void readingGivesValuesLevelsAndMissingEntriesAndWritingReadsBack() throws IOException {
        Table t = Table.readCsv(write("a.csv", CSV));
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.value(0, 0)).isEqualTo("good");
        assertThat(t.value(1, 1)).isEqualTo(58.0);
        assertThat(t.raw(3, 2)).isEqualTo(1f); // "parents"
        assertThat(t.isMissing(1, 4)).isTrue();
        assertThat(t.value(2, 5)).isNull();
        Path copy = dir.resolve("copy.csv");
        t.writeCsv(copy);
        Table back = Table.readCsv(copy, t.schema());
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 6; c++) {
                assertThat(back.value(r, c)).as("row %s column %s", r, c).isEqualTo(t.value(r, c));
            }
        }
        assertThat(t.rows(1, 3).rowCount()).isEqualTo(2);
        assertThat(t.select(new int[] {3, 3}).value(1, 2)).isEqualTo("parents");
        Table masked = t.withMissing((r, c) -> r == 0 && c == 4);
        assertThat(masked.isMissing(0, 4)).isTrue();
        assertThat(t.isMissing(0, 4)).isFalse();
        assertThatThrownBy(() -> t.withMissing((r, c) -> c == 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'status' is not nullable");
    }

    @Test
    void aGzipFileReadsAsThePlainOne() throws IOException {
        Path gz = dir.resolve("a.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Table.inferSchema(gz)).isEqualTo(Table.inferSchema(write("a.csv", CSV)));
        assertThat(Table.readCsv(gz).rowCount()).isEqualTo(4);
    }

    @Test
    void anUnknownLevelIsKeptWithItsTextByDefaultAndRejectedOnlyWhenTheSchemaSaysSo() throws IOException {
        Schema s = Table.inferSchema(write("a.csv", CSV));
        assertThat(s.unknownLevels()).isEqualTo(UnknownLevels.LEAST_LIKELY);
        Path unknown = write("u.csv", CSV + "\"good\",40,\"boat\",\"no\",1,1\n");
        Table t = Table.readCsv(unknown, s);
        assertThat(t.isUnknown(4, 2)).isTrue();
        assertThat(t.isUnknown(3, 2)).isFalse();
        assertThat(t.raw(4, 2)).isEqualTo(Table.UNKNOWN);
        assertThat(t.value(4, 2)).isEqualTo("boat");
        assertThat(t.hasUnknownLevels()).isTrue();
        assertThat(t.rows(4, 5).value(0, 2)).isEqualTo("boat");
        assertThat(t.select(new int[] {4, 0, 4}).value(2, 2)).isEqualTo("boat");
        assertThat(t.rows(0, 4).hasUnknownLevels()).isFalse();
        Path back = dir.resolve("back.csv");
        t.writeCsv(back);
        assertThat(Files.readAllLines(back).get(5)).isEqualTo("good,40,boat,no,1,1");
        assertThat(Table.builder(s).add("good", 40, "castle", "no", 1, 1).build().value(0, 2)).isEqualTo("castle");
        Schema strict = s.toBuilder().unknownLevels(UnknownLevels.REJECT).build();
        assertThatThrownBy(() -> Table.readCsv(unknown, strict)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(unknown + " line 6, column 'home': unknown level 'boat'; the column's levels are "
                        + "[owner, parents, rent] (UnknownLevels.LEAST_LIKELY scores it instead)");
        assertThatThrownBy(() -> Table.builder(s).addRaw(new float[] {0, 40, Table.UNKNOWN, 0, 1, 1}))
                .as("an unknown level comes with its text").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1.0 is not a level code of [owner, parents, rent]");
    }

    @Test
    void badEntriesNameTheLineAndColumn() throws IOException {
        Schema s = Table.inferSchema(write("a.csv", CSV)).toBuilder().unknownLevels(UnknownLevels.REJECT).build();
        Path unknown = write("u.csv", CSV + "\"good\",40,\"boat\",\"no\",1,1\n");
        assertThatThrownBy(() -> Table.readCsv(unknown, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(unknown + " line 6, column 'home': unknown level 'boat'; the column's levels "
                        + "are [owner, parents, rent]");
        Path text = write("t.csv", CSV + "\"good\",forty,\"rent\",\"no\",1,1\n");
        assertThatThrownBy(() -> Table.readCsv(text, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(text + " line 6, column 'age': 'forty' is not a number");
        Path missing = write("m.csv", CSV + "\"good\",,\"rent\",\"no\",1,1\n");
        assertThatThrownBy(() -> Table.readCsv(missing, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(missing + " line 6, column 'age' is missing, and the column is not nullable");
        Path noColumn = write("n.csv", "status,age\ngood,3\n");
        assertThatThrownBy(() -> Table.readCsv(noColumn, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no column 'home'");
        Path ragged = write("r.csv", CSV + "\"good\",40\n");
        assertThatThrownBy(() -> Table.readCsv(ragged, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ragged + " line 6 has 2 fields, the header has 6");
        Schema asMissing = s.toBuilder().unknownLevels(UnknownLevels.AS_MISSING)
                .replace("home", c -> c.withNullable(true)).build();
        assertThat(Table.readCsv(unknown, asMissing).isMissing(4, 2)).isTrue();
        Object[] row = {"good", 40, "castle", "no", 1, 1};
        assertThat(Table.builder(asMissing).add(row).build().isMissing(0, 2)).isTrue();
        assertThatThrownBy(() -> Table.builder(s).add(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0, column 'home': unknown level 'castle'");
        Path log = write("l.csv", "x\n1\n-1\n");
        Schema logged = Schema.builder().numeric("x", false, true).build();
        assertThatThrownBy(() -> Table.readCsv(log, logged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3, column 'x' is -1, below 0");
    }

    @Test
    void aColumnOfTooManyTextValuesIsRefusedWithAHint() throws IOException {
        StringBuilder csv = new StringBuilder("id,x\n");
        for (int i = 0; i <= Column.MAX_LEVELS; i++) {
            csv.append("u").append(i).append(',').append(i).append('\n');
        }
        Path file = write("ids.csv", csv.toString());
        assertThatThrownBy(() -> Table.inferSchema(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'id' has text in more than").hasMessageContaining("drop");
        Schema withoutId = Schema.builder().numeric("x").build();
        assertThat(Table.readCsv(file, withoutId).rowCount()).isEqualTo(Column.MAX_LEVELS + 1);
    }

    @Test
    void theBuilderChecksEveryValue() {
        Schema s = Schema.builder().numeric("x").categorical("c", "a", "b").unknownLevels(UnknownLevels.REJECT)
                .build();
        Table.Builder b = Table.builder(s);
        assertThatThrownBy(() -> b.add(1.0, "z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("row 0, column 'c': unknown level 'z'; the column's levels are [a, b]");
        assertThatThrownBy(() -> b.add(null, "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is missing, and the column is not nullable");
        assertThatThrownBy(() -> b.add("1", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a number");
        assertThatThrownBy(() -> b.add(Double.NaN, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.add(2.5, "b").build().value(0, 1)).isEqualTo("b");
        assertThatThrownBy(() -> Schema.builder().numeric("x").numeric("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two columns are named 'x'");
        assertThatThrownBy(() -> Column.binary("b", "y", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Column.categorical("c", List.of("a")).withLogTransform(true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEncodingStandardisesOneHotsMarksMissingEntriesAndComesBack() {
        // a floor of 4 (sd 2): x's step of 2 and y's of 1 / 0.5 are not finer, so the scales are the sds
        Schema s = Schema.builder().numeric("x").numeric("y", true, true).binary("b", "no", "yes")
                .categorical("c", "a", "b", "c").varianceFloor(4).build().toBuilder()
                .replace("c", col -> col.withNullable(true)).build();
        Table t = Table.builder(s).add(1.0, 0.0, "no", "a").add(3.0, Math.E - 1, "yes", null)
                .add(5.0, null, "yes", "c").build();
        Scaling.Fitter fitter = new Scaling.Fitter(s);
        float[] raw = new float[4];
        for (int r = 0; r < 3; r++) {
            t.rawRow(r, raw);
            fitter.add(raw);
        }
        Scaling scaling = fitter.fit();
        // x: mean 3, sd sqrt(8/3); y: log1p of 0 and e - 1 = 0 and 1: mean 0.5, sd 0.5
        assertThat(scaling.centerOf(0)).isEqualTo(3.0);
        assertThat(scaling.scaleOf(0)).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
        assertThat(scaling.centerOf(1)).isCloseTo(0.5, within(1e-7));
        assertThat(scaling.scaleOf(1)).isCloseTo(0.5, within(1e-7));
        assertThat(scaling.scaleOf(2)).isEqualTo(1.0);
        // fitted in parts (rows 0 | 1 and 2, and an empty part), merged: the same statistics
        Scaling.Fitter first = new Scaling.Fitter(s);
        Scaling.Fitter rest = new Scaling.Fitter(s);
        t.rawRow(0, raw);
        first.add(raw);
        for (int r = 1; r < 3; r++) {
            t.rawRow(r, raw);
            rest.add(raw);
        }
        Scaling merged = new Scaling.Fitter(s).merge(first).merge(new Scaling.Fitter(s)).merge(rest).fit();
        for (int c = 0; c < 4; c++) {
            assertThat(merged.centerOf(c)).isCloseTo(scaling.centerOf(c), within(1e-12));
            assertThat(merged.scaleOf(c)).isCloseTo(scaling.scaleOf(c), within(1e-12));
        }
        TabularEncoding e = new TabularEncoding(s, scaling);
        float[] encoded = new float[s.inputWidth()];
        // layout: x | y, y missing | b | c a, c b, c c, c missing
        t.rawRow(1, raw);
        e.encode(raw, encoded, 0);
        assertThat(encoded).containsExactly(new float[] {0, 1, 0, 1, 0, 0, 0, 1}, within(1e-6f));
        t.rawRow(2, raw);
        e.encode(raw, encoded, 0);
        assertThat(encoded).containsExactly(new float[] {(float) (2 / Math.sqrt(8.0 / 3)), 0, 1, 1, 0, 0, 1, 0},
                within(1e-6f));
        float[] decoded = new float[4];
        e.decodeMean(new float[] {0.5f, 1, 0, 0.7f, 0.2f, 0.5f, 0.3f, 0}, 0, decoded);
        assertThat(decoded[0]).isCloseTo((float) (3 + 0.5 * Math.sqrt(8.0 / 3)), within(1e-5f));
        assertThat(decoded[1]).isCloseTo((float) Math.expm1(1.0), within(1e-5f));
        assertThat(decoded[2]).isEqualTo(1f);
        assertThat(decoded[3]).isEqualTo(1f); // level "b"
    }

    @Test
    void aColumnThatComesInStepsIsScaledSoThatItsStepIsNoFinerThanTheFloor() {
        // floor 0.01: sd 0.1. "step": 0..9, sd 2.872, step 1 -> scale 1 / 0.1 = 10; "fine": 2,000 distinct values,
        // taken as continuous -> its sd; "wide": 0, 1, 10, 11 -> gaps 1, 9, 1 -> median 1 -> 10 against sd 5.025
        Schema s = Schema.builder().numeric("step").numeric("fine").numeric("wide").varianceFloor(0.01).build();
        Scaling.Fitter all = new Scaling.Fitter(s);
        Scaling.Fitter[] parts = {new Scaling.Fitter(s), new Scaling.Fitter(s)};
        double[] wide = {0, 1, 10, 11};
        for (int i = 0; i < 2000; i++) {
            float[] row = {i % 10, i * 0.001f, (float) wide[i % 4]};
            all.add(row);
            parts[i % 2].add(row);
        }
        Scaling scaling = all.fit();
        assertThat(scaling.scaleOf(0)).isCloseTo(10, within(1e-12));
        double fineSd = Math.sqrt((2000.0 * 2000 - 1) / 12) * 0.001;
        assertThat(scaling.scaleOf(1)).isCloseTo(fineSd, within(1e-6));
        assertThat(scaling.scaleOf(2)).isCloseTo(10, within(1e-12));
        assertThat(parts[0].merge(parts[1]).fit().scaleOf(1)).as("each part has 1,000 distinct values, the whole "
                + "2,000: merged, it is continuous").isCloseTo(fineSd, within(1e-6));
        Scaling.Fitter coarse = new Scaling.Fitter(s.toBuilder().varianceFloor(100).build());
        for (int i = 0; i < 2000; i++) {
            coarse.add(new float[] {i % 10, i * 0.001f, (float) wide[i % 4]});
        }
        assertThat(coarse.fit().scaleOf(0)).as("step 1 / sd 10 is finer than the column's sd")
                .isCloseTo(Math.sqrt(8.25), within(1e-9));
    }

    @Test
    void aConstantColumnScalesByOneAndASourceReadsTheRows() throws IOException {
        Schema s = Schema.builder().numeric("k").build();
        Scaling.Fitter fitter = new Scaling.Fitter(s);
        fitter.add(new float[] {7});
        fitter.add(new float[] {7});
        assertThat(fitter.fit().scaleOf(0)).isEqualTo(1.0);
        assertThat(fitter.fit().centerOf(0)).isEqualTo(7.0);

        Path file = write("a.csv", CSV);
        Schema inferred = Table.inferSchema(file);
        TableSource source = Table.csvSource(file, inferred);
        assertThat(source.width()).isEqualTo(6);
        float[] row = new float[6];
        try (DataSource.RowReader r = source.open()) {
            assertThat(r.next(row)).isTrue();
            assertThat(row[1]).isEqualTo(30f);
            assertThat(r.next(row)).isTrue();
            assertThat(row[4]).isNaN();
            assertThat(r.where()).isEqualTo(file + " line 3");
        }
        assertThat(Table.readCsv(file).asSource().size()).hasValue(4);
    }

    @Test
    void thresholdsAreQuantilesOfTheScores() {
        double[] scores = new double[101];
        for (int i = 0; i <= 100; i++) {
            scores[i] = i;
        }
        assertThat(AnomalyThreshold.forFalsePositiveRate(scores, 0.05).value()).isCloseTo(95, within(1e-9));
        assertThat(AnomalyThreshold.forContamination(scores, 0.1).value()).isCloseTo(90, within(1e-9));
        AnomalyThreshold t = new AnomalyThreshold(50);
        assertThat(t.flag(new double[] {49, 50, 51})).containsExactly(false, false, true);
        assertThatThrownBy(() -> AnomalyThreshold.forFalsePositiveRate(scores, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("false-positive rate");
        assertThatThrownBy(() -> AnomalyThreshold.forContamination(new double[0], 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scores");
        assertThatThrownBy(() -> AnomalyThreshold.forContamination(new double[] {1, Double.NaN}, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[1] is NaN");
        assertThat(AnomalyThreshold.forContamination(new double[] {1, 2, Double.POSITIVE_INFINITY}, 0.5).value())
                .isEqualTo(2);
    }

    @Test
    void theComparisonReportsMeansDeviationsFrequenciesAndCorrelations() {
        Schema s = Schema.builder().numeric("x").numeric("y").categorical("c", "a", "b").build();
        Table real = Table.builder(s).add(1, 2, "a").add(2, 4, "a").add(3, 6, "b").add(4, 8, "b").build();
        Table fake = Table.builder(s).add(1, 8, "a").add(2, 6, "a").add(3, 4, "a").add(4, 2, "b").build();
        TableComparison c = TableComparison.of(real, fake);
        assertThat(c.columns().get(0).real()).containsExactly(2.5, Math.sqrt(1.25));
        assertThat(c.columns().get(2).real()).containsExactly(0.5, 0.5);
        assertThat(c.columns().get(2).synthetic()).containsExactly(0.75, 0.25);
        assertThat(c.correlatedColumns()).containsExactly("x", "y");
        assertThat(c.realCorrelation()[0][1]).isCloseTo(1, within(1e-12));
        assertThat(c.syntheticCorrelation()[0][1]).isCloseTo(-1, within(1e-12));
        assertThat(c.maxCorrelationDifference()).isCloseTo(2, within(1e-12));
        assertThat(c.toString()).contains("x", "mean 2.5", "a 0.500 -> 0.750", "largest difference 2.000");
    }
}
