package io.github.vae4j.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series from memory and from CSV files: channels, missing values, timestamps and their gaps, and bad input. */
class TimeSeriesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void pointsInMemoryKeepTheirValuesAndMissingOnes() {
        TimeSeries s = TimeSeries.of(new double[][] {{1, 2}, {Double.NaN, 4}, {5, 6}});
        assertThat(s.length()).isEqualTo(3);
        assertThat(s.channels()).containsExactly("c1", "c2");
        assertThat(s.point(1)).containsExactly(Double.NaN, 4);
        assertThat(s.missingCount()).isEqualTo(1);
        assertThat(s.step()).isEmpty();
        assertThat(s.time(0)).isEmpty();
        TimeSeries part = s.slice(1, 3);
        assertThat(part.length()).isEqualTo(2);
        assertThat(part.point(1)).containsExactly(5, 6);
    }

    @Test
    void badPointsInMemoryAreNamed() {
        assertThatThrownBy(() -> TimeSeries.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1 has 1 values");
        assertThatThrownBy(() -> TimeSeries.of(new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1, channel 'c2'");
        assertThatThrownBy(() -> TimeSeries.of(new double[][] {{1e300}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the float range");
        assertThatThrownBy(() -> TimeSeries.of(List.of("a", "a"), new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is named twice");
        assertThatThrownBy(() -> TimeSeries.of(new double[0][])).isInstanceOf(IllegalArgumentException.class);
        TimeSeries s = TimeSeries.of(new double[][] {{1}});
        assertThatThrownBy(() -> s.point(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.slice(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCsvFileGivesEveryColumnButTheTimestampAsChannels() throws IOException {
        Path f = write("s.csv", "cpu,timestamp,mem\n1,2026-12-07T10:00:00Z,2\n3,2026-12-07T10:05:00Z,NA\n"
                + ",2026-12-07T10:10:00Z,6\n");
        TimeSeries s = TimeSeries.readCsv(f);
        assertThat(s.channels()).containsExactly("cpu", "mem");
        assertThat(s.length()).isEqualTo(3);
        assertThat(s.point(1)).containsExactly(3, Double.NaN);
        assertThat(s.point(2)).containsExactly(Double.NaN, 6);
        assertThat(s.step()).contains(Duration.ofMinutes(5));
        assertThat(s.time(2)).contains(Instant.parse("2026-12-07T10:10:00Z"));
    }

    @Test
    void namedChannelsAreReadInTheOrderGivenFromAGzipFile() throws IOException {
        Path f = dir.resolve("s.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a,b,label\n1,2,0\n3,4,1\n".getBytes(StandardCharsets.UTF_8));
        }
        TimeSeries s = TimeSeries.readCsv(f, List.of("b", "a"));
        assertThat(s.channels()).containsExactly("b", "a");
        assertThat(s.point(1)).containsExactly(4, 3);
        assertThatThrownBy(() -> TimeSeries.readCsv(f, List.of("c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'c'");
    }

    @Test
    void aGapInTheTimestampsBecomesMissingPointsAtTheStep() throws IOException {
        // epoch milliseconds, a step of 1 s; two points never arrived, one came 100 ms late
        Path f = write("g.csv", "timestamp,x\n1000,1\n2000,2\n5000,5\n6100,6\n");
        TimeSeries s = TimeSeries.readCsv(f);
        assertThat(s.step()).contains(Duration.ofSeconds(1));
        assertThat(s.length()).isEqualTo(6);
        assertThat(s.point(2)).containsExactly(Double.NaN);
        assertThat(s.point(3)).containsExactly(Double.NaN);
        assertThat(s.point(4)).containsExactly(5);
        assertThat(s.point(5)).containsExactly(6);
    }

    @Test
    void badFilesAreNamedByFileLineAndColumn() throws IOException {
        Path ragged = write("r.csv", "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> TimeSeries.readCsv(ragged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r.csv line 3 has 1 fields, the header has 2");
        Path text = write("t.csv", "a,b\n1,2\n3,high\n");
        assertThatThrownBy(() -> TimeSeries.readCsv(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.csv line 3, column 'b': 'high' is not a number");
        Path back = write("b.csv", "timestamp,a\n2026-12-07T10:05:00Z,1\n2026-12-07T10:00:00Z,2\n");
        assertThatThrownBy(() -> TimeSeries.readCsv(back)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b.csv line 3").hasMessageContaining("goes backwards");
        Path repeat = write("p.csv", "timestamp,a\n1000,1\n1000,2\n");
        assertThatThrownBy(() -> TimeSeries.readCsv(repeat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p.csv line 3").hasMessageContaining("repeats");
        Path badTime = write("x.csv", "timestamp,a\nnoon,1\n");
        assertThatThrownBy(() -> TimeSeries.readCsv(badTime)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.csv line 2, column 'timestamp': 'noon' is not a timestamp");
        Path huge = write("h.csv", "a\n1e39\n");
        assertThatThrownBy(() -> TimeSeries.readCsv(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h.csv line 2, column 'a'").hasMessageContaining("float range");
        Path empty = write("e.csv", "a\n");
        assertThatThrownBy(() -> TimeSeries.readCsv(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no points");
    }

    @Test
    void localDateTimesAreReadAsUtc() throws IOException {
        Path f = write("l.csv", "timestamp,a\n2026-12-07T10:00:00,1\n2026-12-07T10:01:00,2\n");
        assertThat(TimeSeries.readCsv(f).time(1)).contains(Instant.parse("2026-12-07T10:01:00Z"));
    }
}
