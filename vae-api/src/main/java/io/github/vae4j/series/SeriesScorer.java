package io.github.vae4j.series;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Arrays;

/**
 * Scores a series as its points arrive, one at a time: each new point's score at once, the same, bit for bit, as
 * {@link SeriesDetector#scores} gives that point in the whole series. Holds the last window of points and nothing
 * more, so its memory does not grow with the series. A timestamped point that comes more than a step after the one
 * before is preceded by missing points for the steps in between. Not thread-safe: one scorer per stream; a detector
 * makes as many as wanted.
 */
public final class SeriesScorer {

    private final WindowScorer scorer;
    private final WindowLayout layout;
    private final long stepMillis;
    /** The last {@code window} points, oldest first; NaN before the stream's start. */
    private final float[] window;
    private long points;
    private long lastTime = Long.MIN_VALUE;

    SeriesScorer(WindowScorer scorer, WindowLayout layout, long stepMillis) {
        this.scorer = scorer;
        this.layout = layout;
        this.stepMillis = stepMillis;
        this.window = new float[layout.size()];
        Arrays.fill(window, Float.NaN);
    }

    /**
     * Takes the next point and scores it.
     *
     * @param point one value per channel of the detector, NaN where missing
     * @return -log p(point | its window), nats, as {@link SeriesDetector#scores}
     * @throws IllegalArgumentException if the point has the wrong number of values or one is infinite
     */
    public double score(double[] point) {
        float[] values = check(point);
        push(values);
        return scorer.score(window, null);
    }

    /**
     * Takes the point of a given time and scores it; a gap of k steps since the point before counts as k - 1
     * missing points.
     *
     * @param time the point's time, after the point before's
     * @param point one value per channel, NaN where missing
     * @return -log p(point | its window), nats
     * @throws IllegalStateException if the scorer has no step (the detector's training series had no timestamps: use
     *     {@code detector.scorer(step)})
     * @throws IllegalArgumentException if the time does not come after the point before's by at least half a step,
     *     or as {@link #score(double[])}
     */
    public double score(Instant time, double[] point) {
        checkNotNull(time, "time");
        if (stepMillis <= 0) {
            throw new IllegalStateException("this scorer has no sampling step: the detector was trained on a series "
                    + "without timestamps; make the scorer with detector.scorer(step)");
        }
        float[] values = check(point);
        long t = time.toEpochMilli();
        if (lastTime != Long.MIN_VALUE) {
            long steps = Math.round((double) (t - lastTime) / stepMillis);
            checkArgument(t > lastTime && steps >= 1, "point at %s comes %s ms after the one before (%s), less than "
                    + "half the step of %s ms; timestamps must increase", time, t - lastTime,
                    Instant.ofEpochMilli(lastTime), stepMillis);
            float[] missing = new float[layout.width()];
            Arrays.fill(missing, Float.NaN);
            for (long k = 1; k < Math.min(steps, layout.window() + 1L); k++) {
                push(missing);
            }
            points += Math.max(0, steps - 1 - layout.window());
        }
        lastTime = t;
        push(values);
        return scorer.score(window, null);
    }

    /** @return the points taken so far, the missing ones of gaps included */
    public long points() {
        return points;
    }

    private float[] check(double[] point) {
        checkNotNull(point, "point");
        checkArgument(point.length == layout.width(), "a point of %s values; the detector has %s channels %s",
                point.length, layout.width(), layout.channels());
        float[] out = new float[point.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = TimeSeries.value(point[c], "point " + points + ", channel '" + layout.channels().get(c) + "'");
        }
        return out;
    }

    private void push(float[] values) {
        int width = layout.width();
        System.arraycopy(window, width, window, 0, window.length - width);
        System.arraycopy(values, 0, window, window.length - width, width);
        points++;
    }
}
