package io.github.vae4j.series;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.vae4j.AnomalyThreshold;
import io.github.vae4j.tabular.Explanation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How well alarms match labelled anomalies, the measures of the time-series anomaly-detection literature:
 * <ul>
 * <li><b>point-wise</b> precision, recall and F1: each point on its own;</li>
 * <li><b>point-adjusted</b> (Xu et al., WWW 2018): a labelled segment (a maximal run of anomalous points) counts as
 * found, every point of it a true positive, when any of its points is flagged. It flatters every detector, a random
 * one included, the more so the longer the segments (Kim et al., AAAI 2022): report it beside the point-wise F1,
 * never alone;</li>
 * <li>the F1 at the <b>best threshold</b> over a labelled set, an upper bound on what a threshold set without the
 * labels reaches;</li>
 * <li>the <b>hit rate</b> of an explanation (InterFusion, Li et al., KDD 2021): the share of an anomaly's causal
 * channels among the top 150% as many channels it ranks.</li>
 * </ul>
 */
public final class SeriesEvaluation {

    private SeriesEvaluation() {
    }

    /**
     * Precision, recall and F1 of a set of alarms.
     *
     * @param precision true positives over flagged points, 0 when nothing is flagged
     * @param recall true positives over anomalous points
     * @param f1 their harmonic mean, 0 when there is no true positive
     */
    public record Quality(double precision, double recall, double f1) {

        static Quality of(long truePositives, long flagged, long positives) {
            double p = flagged == 0 ? 0 : (double) truePositives / flagged;
            double r = positives == 0 ? 0 : (double) truePositives / positives;
            return new Quality(p, r, truePositives == 0 ? 0 : 2.0 * truePositives / (flagged + positives));
        }
    }

    /**
     * The best threshold over a labelled set, and what it gives.
     *
     * @param threshold flags the scores at or above the best cut
     * @param quality precision, recall and F1 there
     */
    public record Best(AnomalyThreshold threshold, Quality quality) {
    }

    /**
     * @param flagged per point, whether it raised an alarm
     * @param labels per point, whether it is anomalous
     * @return point-wise precision, recall and F1
     */
    public static Quality pointwise(boolean[] flagged, boolean[] labels) {
        checkLengths(flagged.length, labels);
        long tp = 0;
        long f = 0;
        long p = 0;
        for (int i = 0; i < labels.length; i++) {
            tp += flagged[i] && labels[i] ? 1 : 0;
            f += flagged[i] ? 1 : 0;
            p += labels[i] ? 1 : 0;
        }
        return Quality.of(tp, f, p);
    }

    /**
     * @param flagged per point, whether it raised an alarm
     * @param labels per point, whether it is anomalous
     * @return point-adjusted precision, recall and F1: a segment with any flagged point is found whole
     */
    public static Quality pointAdjusted(boolean[] flagged, boolean[] labels) {
        checkLengths(flagged.length, labels);
        boolean[] adjusted = flagged.clone();
        for (int[] seg : segments(labels)) {
            boolean found = false;
            for (int i = seg[0]; i < seg[1] && !found; i++) {
                found = flagged[i];
            }
            Arrays.fill(adjusted, seg[0], seg[1], found);
        }
        return pointwise(adjusted, labels);
    }

    /**
     * The point-wise F1 at the best threshold: over every cut at a score, the points scored at or above it flagged.
     *
     * @param scores per point, higher more anomalous, none NaN
     * @param labels per point, at least one anomalous
     * @return the best threshold and its quality
     */
    public static Best bestPointwise(double[] scores, boolean[] labels) {
        checkLengths(scores.length, labels);
        List<double[]> events = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            events.add(new double[] {score(scores, i), labels[i] ? 1 : 0, labels[i] ? 0 : 1});
        }
        return sweep(events, count(labels));
    }

    /**
     * The point-adjusted F1 at the best threshold.
     *
     * @param scores per point, higher more anomalous, none NaN
     * @param labels per point, at least one anomalous
     * @return the best threshold and its point-adjusted quality
     */
    public static Best bestPointAdjusted(double[] scores, boolean[] labels) {
        checkLengths(scores.length, labels);
        List<double[]> events = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (!labels[i]) {
                events.add(new double[] {score(scores, i), 0, 1});
            }
        }
        for (int[] seg : segments(labels)) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = seg[0]; i < seg[1]; i++) {
                max = Math.max(max, score(scores, i));
            }
            events.add(new double[] {max, seg[1] - seg[0], 0});
        }
        return sweep(events, count(labels));
    }

    /**
     * InterFusion's hit rate at 150%: of an anomaly's g causal channels, the share among the explanation's top
     * {@code floor(1.5 g)} channels.
     *
     * @param explanation a point's explanation, channels ranked
     * @param causes the channels labelled as the anomaly's cause, at least one
     * @return the share, in [0, 1]
     */
    public static double hitRate(Explanation explanation, Collection<String> causes) {
        checkNotNull(explanation, "explanation");
        Set<String> wanted = new HashSet<>(causes);
        checkArgument(!wanted.isEmpty(), "no causal channels to find");
        int top = (int) Math.floor(1.5 * wanted.size());
        long hits = explanation.top(top).stream().filter(c -> wanted.contains(c.column())).count();
        return (double) hits / wanted.size();
    }

    /**
     * A labelled anomaly and the channels that caused it.
     *
     * @param from its first point
     * @param to its last point, inclusive
     * @param channels the channels labelled as its cause, at least one
     */
    public record Cause(int from, int to, Set<String> channels) {

        /**
         * Validates and copies.
         *
         * @param from its first point, at least 0
         * @param to its last point, inclusive, at least {@code from}
         * @param channels the causal channels, at least one
         */
        public Cause {
            checkArgument(from >= 0 && to >= from, "an anomaly from point %s to %s", from, to);
            channels = Set.copyOf(channels);
            checkArgument(!channels.isEmpty(), "an anomaly from point %s to %s has no causal channel", from, to);
        }
    }

    /**
     * Reads labelled causes in InterFusion's format: a line {@code start-end:c,c,...} per anomaly, the points
     * inclusive and 0-based, the channels numbered from 1 in the series' order.
     *
     * @param file the file
     * @param channels the series' channels, to name the numbers
     * @return the causes, in the file's order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the line of a malformed entry or a channel number out of range
     */
    public static List<Cause> readCauses(Path file, List<String> channels) throws IOException {
        List<Cause> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            String[] parts = line.split(":");
            String[] range = parts[0].split("-");
            checkArgument(parts.length == 2 && range.length == 2, "%s: '%s' is not start-end:channel,channel,...",
                    where, line);
            Set<String> names = new HashSet<>();
            try {
                for (String c : parts[1].split(",")) {
                    int k = Integer.parseInt(c.strip());
                    checkArgument(k >= 1 && k <= channels.size(), "%s: channel %s is not among the %s channels",
                            where, k, channels.size());
                    names.add(channels.get(k - 1));
                }
                out.add(new Cause(Integer.parseInt(range[0].strip()), Integer.parseInt(range[1].strip()), names));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + line + "' is not start-end:channel,channel,...", e);
            }
        }
        return out;
    }

    /**
     * InterFusion's interpretation score (Li et al., KDD 2021, {@code cal_IPS}): for each labelled anomaly, the
     * points of it that were flagged are explained, each channel takes its largest nats over them, and the hit rate of
     * that ranking at 150% ({@link #hitRate}) counts once per flagged point; the score is the mean over all flagged
     * anomalous points. An anomaly with no flagged point does not count.
     *
     * @param detector the detector that scored the series
     * @param series the series
     * @param flagged per point, whether it raised an alarm (InterFusion takes the best point-adjusted threshold)
     * @param causes the labelled anomalies and their channels
     * @return the score in [0, 1], or NaN if no anomalous point was flagged
     */
    public static double interpretationScore(SeriesDetector detector, TimeSeries series, boolean[] flagged,
            List<Cause> causes) {
        checkNotNull(detector, "detector");
        checkArgument(flagged.length == series.length(), "%s flags for a series of %s points", flagged.length,
                series.length());
        double sum = 0;
        long count = 0;
        for (Cause cause : causes) {
            checkArgument(cause.to() < series.length(), "an anomaly ends at point %s, beyond the series of %s points",
                    cause.to(), series.length());
            List<String> channels = series.channels();
            double[] worst = new double[channels.size()];
            Arrays.fill(worst, Double.NEGATIVE_INFINITY);
            int found = 0;
            for (int t = cause.from(); t <= cause.to(); t++) {
                if (flagged[t]) {
                    found++;
                    for (Explanation.Contribution c : detector.explain(series, t).contributions()) {
                        int k = channels.indexOf(c.column());
                        worst[k] = Math.max(worst[k], c.nats());
                    }
                }
            }
            if (found > 0) {
                sum += found * hitRate(Explanation.of(cause.from(), channels, worst, 0), cause.channels());
                count += found;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * @param labels per point, whether it is anomalous
     * @return each maximal run of anomalous points, as {from, to} with {@code to} exclusive
     */
    public static List<int[]> segments(boolean[] labels) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i]) {
                int from = i;
                while (i < labels.length && labels[i]) {
                    i++;
                }
                out.add(new int[] {from, i});
            }
        }
        return out;
    }

    /** Events {score, positives, negatives} flagged together at cuts from the highest score down. */
    private static Best sweep(List<double[]> events, long positives) {
        checkArgument(positives > 0, "the labels have no anomalous point: no F1 to maximise");
        events.sort((a, b) -> Double.compare(b[0], a[0]));
        long tp = 0;
        long flagged = 0;
        Quality best = Quality.of(0, 0, positives);
        double cut = Double.POSITIVE_INFINITY;
        for (int i = 0; i < events.size(); ) {
            double s = events.get(i)[0];
            for (; i < events.size() && events.get(i)[0] == s; i++) {
                tp += (long) events.get(i)[1];
                flagged += (long) (events.get(i)[1] + events.get(i)[2]);
            }
            Quality q = Quality.of(tp, flagged, positives);
            if (q.f1() > best.f1()) {
                best = q;
                cut = s;
            }
        }
        return new Best(new AnomalyThreshold(Math.nextDown(cut)), best);
    }

    private static double score(double[] scores, int i) {
        checkArgument(!Double.isNaN(scores[i]), "scores[%s] is NaN", i);
        return scores[i];
    }

    private static long count(boolean[] labels) {
        long n = 0;
        for (boolean b : labels) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static void checkLengths(int n, boolean[] labels) {
        checkNotNull(labels, "labels");
        checkArgument(n == labels.length, "%s scores or flags for %s labels", n, labels.length);
    }
}
