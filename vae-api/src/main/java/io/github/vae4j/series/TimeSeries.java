package io.github.vae4j.series;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkPositionIndexes;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Points in time order, each a value per channel; a point's value may be missing (NaN). Immutable; values are held
 * as floats, the precision the models compute in. A series read with timestamps knows its sampling step, and a
 * point that never arrived (a gap in the timestamps) is in it as a point whose values are all missing.
 *
 * <pre>{@code
 * TimeSeries train = TimeSeries.readCsv(Path.of("server-train.csv.gz"));
 * TimeSeries test = TimeSeries.readCsv(Path.of("server-test.csv.gz"), train.channels());
 * }</pre>
 */
public final class TimeSeries {

    /** The name of the timestamp column {@link #readCsv(Path)} looks for. */
    public static final String TIMESTAMP = "timestamp";

    /** The most values a series holds (points times channels). */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final List<String> channels;
    private final float[] values;
    private final int length;
    private final long start;
    private final long step;

    TimeSeries(List<String> channels, float[] values, long startMillis, long stepMillis) {
        this.channels = ImmutableList.copyOf(channels);
        this.values = values;
        this.length = values.length / channels.size();
        this.start = startMillis;
        this.step = stepMillis;
    }

    /**
     * A series from points in memory, its channels named {@code c1}, {@code c2}, ...
     *
     * @param points one row a point, one value a channel; NaN for a missing value
     * @return the series, a copy
     * @throws IllegalArgumentException if there are no points or channels, the rows differ in length, or a value is
     *     infinite or beyond the float range (naming the point and channel)
     */
    public static TimeSeries of(double[][] points) {
        checkNotNull(points, "points");
        checkArgument(points.length > 0 && points[0] != null && points[0].length > 0,
                "a series needs at least one point of at least one channel");
        List<String> names = new ArrayList<>();
        for (int c = 0; c < points[0].length; c++) {
            names.add("c" + (c + 1));
        }
        return of(names, points);
    }

    /**
     * A series from points in memory, with its channels' names.
     *
     * @param channels the channels' names, distinct, not blank
     * @param points one row a point, one value a channel; NaN for a missing value
     * @return the series, a copy
     * @throws IllegalArgumentException if there are no points, a row's length is not the channels', or a value is
     *     infinite or beyond the float range (naming the point and channel)
     */
    public static TimeSeries of(List<String> channels, double[][] points) {
        checkChannels(channels);
        checkNotNull(points, "points");
        checkArgument(points.length > 0, "a series needs at least one point");
        int width = channels.size();
        checkArgument((long) points.length * width <= MAX_VALUES, "%s points of %s channels are more than %s values",
                points.length, width, MAX_VALUES);
        float[] values = new float[points.length * width];
        for (int t = 0; t < points.length; t++) {
            checkArgument(points[t] != null && points[t].length == width, "point %s has %s values, the series %s "
                    + "channels", t, points[t] == null ? 0 : points[t].length, width);
            for (int c = 0; c < width; c++) {
                values[t * width + c] = value(points[t][c], "point " + t + ", channel '" + channels.get(c) + "'");
            }
        }
        return new TimeSeries(channels, values, 0, 0);
    }

    /**
     * Reads a CSV file (plain or gzip-compressed, UTF-8, a header line naming the columns): every column but
     * {@value #TIMESTAMP} is a numeric channel; an empty field or {@code NA} is a missing value. A
     * {@value #TIMESTAMP} column, if there is one, holds ISO-8601 instants ({@code 2026-12-07T10:15:00Z}, or a local
     * date-time read as UTC) or epoch milliseconds, strictly increasing; the sampling step is the most common
     * difference between consecutive timestamps, and a gap of k steps puts k - 1 missing points in the series.
     *
     * @param file the file
     * @return the series
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file, line and column of a ragged line, a field that is not a
     *     number, or a timestamp that is not one, repeats or goes backwards
     */
    public static TimeSeries readCsv(Path file) throws IOException {
        return SeriesCsv.read(file, null, TIMESTAMP);
    }

    /**
     * Reads the named columns of a CSV file as channels, in the order given; other columns are ignored, except a
     * {@value #TIMESTAMP} column, read as {@link #readCsv(Path)} does.
     *
     * @param file the file
     * @param channels the columns to read, in order
     * @return the series
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a column is not in the header, or as {@link #readCsv(Path)}
     */
    public static TimeSeries readCsv(Path file, List<String> channels) throws IOException {
        checkChannels(channels);
        return SeriesCsv.read(file, channels, TIMESTAMP);
    }

    /**
     * Reads the named columns of a CSV file as channels, with the timestamps in a column of another name.
     *
     * @param file the file
     * @param channels the columns to read, in order
     * @param timestampColumn the column of timestamps; a file without it has none
     * @return the series
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException as {@link #readCsv(Path, List)}
     */
    public static TimeSeries readCsv(Path file, List<String> channels, String timestampColumn) throws IOException {
        checkChannels(channels);
        checkNotNull(timestampColumn, "timestampColumn");
        return SeriesCsv.read(file, channels, timestampColumn);
    }

    /** @return the number of points */
    public int length() {
        return length;
    }

    /** @return the channels' names, in order */
    public List<String> channels() {
        return channels;
    }

    /**
     * @param t a point, 0 to {@code length() - 1}
     * @return its values, one per channel, NaN where missing
     */
    public double[] point(int t) {
        checkArgument(t >= 0 && t < length, "point %s is outside the series of %s points", t, length);
        double[] out = new double[channels.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = values[t * out.length + c];
        }
        return out;
    }

    /**
     * @param t a point
     * @param c a channel
     * @return the value, NaN if missing
     */
    public double value(int t, int c) {
        checkArgument(t >= 0 && t < length && c >= 0 && c < channels.size(), "no point %s, channel %s in a series "
                + "of %s points and %s channels", t, c, length, channels.size());
        return values[t * channels.size() + c];
    }

    /**
     * @param from the first point, inclusive
     * @param to the end, exclusive
     * @return the points from {@code from} to {@code to}, with their times
     */
    public TimeSeries slice(int from, int to) {
        checkPositionIndexes(from, to, length);
        checkArgument(to > from, "an empty slice [%s, %s)", from, to);
        int width = channels.size();
        float[] part = new float[(to - from) * width];
        System.arraycopy(values, from * width, part, 0, part.length);
        return new TimeSeries(channels, part, start + from * step, step);
    }

    /** @return the sampling step, if the series was read with timestamps */
    public Optional<Duration> step() {
        return step > 0 ? Optional.of(Duration.ofMillis(step)) : Optional.empty();
    }

    /**
     * @param t a point
     * @return its time, if the series was read with timestamps
     */
    public Optional<Instant> time(int t) {
        checkArgument(t >= 0 && t < length, "point %s is outside the series of %s points", t, length);
        return step > 0 ? Optional.of(Instant.ofEpochMilli(start + t * step)) : Optional.empty();
    }

    /** @return the number of values that are missing */
    public long missingCount() {
        long n = 0;
        for (float v : values) {
            if (Float.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** The values, point-major; not a copy: callers in this package only read it. */
    float[] values() {
        return values;
    }

    /** @return a series of the same channels and times with these values */
    TimeSeries withValues(float[] newValues) {
        return new TimeSeries(channels, newValues, start, step);
    }

    long stepMillis() {
        return step;
    }

    @Override
    public String toString() {
        return "TimeSeries[" + length + " points x " + channels.size() + " channels" + (step > 0 ? ", step "
                + Duration.ofMillis(step) : "") + "]";
    }

    static float value(double v, String where) {
        if (Double.isNaN(v)) {
            return Float.NaN;
        }
        checkArgument(Double.isFinite(v) && Math.abs(v) <= Float.MAX_VALUE, "%s is %s, beyond the float range; "
                + "a missing value is NaN", where, v);
        return (float) v;
    }

    static void checkChannels(List<String> channels) {
        checkNotNull(channels, "channels");
        checkArgument(!channels.isEmpty(), "a series needs at least one channel");
        Set<String> seen = new HashSet<>();
        for (String c : channels) {
            checkArgument(c != null && !c.isBlank(), "a channel's name is blank: %s", channels);
            checkArgument(seen.add(c), "channel '%s' is named twice", c);
        }
    }
}
