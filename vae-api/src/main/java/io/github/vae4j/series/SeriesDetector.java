package io.github.vae4j.series;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.vae4j.Device;
import io.github.vae4j.FitReport;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.TableSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Anomaly detection on multivariate time series: a VAE over sliding windows of a series (Donut, Xu et al. 2018,
 * over every channel at once), which scores each point by how unlikely it is given the window of points that ends at
 * it. A spike that is normal in one context and not in another, a drift, or a channel that stops moving with the others
 * makes the newest point unlikely under the model of its window.
 *
 * <pre>{@code
 * try (SeriesDetector detector = SeriesDetector.builder().window(10).build()) {
 *     detector.fit(train);                                            // one or more series of normal behaviour
 *     AnomalyThreshold t = AnomalyThreshold.peaksOverThreshold(detector.scores(train), 1e-3);
 *     boolean[] alarms = t.flag(detector.scores(test));               // one score per point, nats
 *     Explanation why = detector.explain(test, 1234);                 // the channels behind point 1234
 *     SeriesScorer live = detector.scorer();                          // the same scores, one point at a time
 * }
 * }</pre>
 *
 * <p>The model is a tabular VAE whose row is a window ({@code window x channels} numeric values, each standardised
 * with the training series' statistics and saved with the model). A missing value is left out of the likelihood and
 * marked to the encoder, as a table's missing entries are; training also sets whole points missing at a rate
 * ({@link Builder#missingRate}) so that the model learns to score around gaps. The first {@code window - 1} points of
 * a series are scored with the window's start, before the series, missing.
 *
 * <p>Thread-safe: scoring calls may run at once; {@code fit} waits for them. Not serialisable: {@link #save} writes
 * the versioned model file.
 */
public final class SeriesDetector implements AutoCloseable {

    /**
     * The default window, in points: on the ASD servers (5-minute points) windows of 5, 10, 20, 30 and 100 points gave
     * a mean point-adjusted F1 of 0.890, 0.900, 0.899, 0.884 and 0.837 (docs/benchmarks.md).
     */
    public static final int DEFAULT_WINDOW = 10;

    /** The default rate at which training sets points missing (Donut's). */
    public static final double DEFAULT_MISSING_RATE = 0.01;

    private final Builder settings;
    /** Set once, by the first fit (under this object's lock), after {@link #layout}: a reader that sees it sees both. */
    private volatile Vae vae;
    private volatile WindowLayout layout;
    private volatile long stepMillis;

    private SeriesDetector(Builder settings) {
        this.settings = settings;
    }

    private SeriesDetector(Vae vae, WindowLayout layout) {
        this.settings = builder().window(layout.window());
        this.vae = vae;
        this.layout = layout;
    }

    /** @return a builder: window {@value #DEFAULT_WINDOW}, latent 8, hidden 256 and 128, missing rate 1% */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains on one series of normal behaviour, with the model's default training (as many epochs as make 2,000
     * steps, at least 10; batch 100).
     *
     * @param series the training series, at least one window long
     * @return the run's report
     */
    public FitReport fit(TimeSeries series) {
        return fit(List.of(checkNotNull(series, "series")), Training.builder().build());
    }

    /**
     * Trains on one series with a plan.
     *
     * @param series the training series, at least one window long
     * @param plan how to train; unset options take the detector's defaults
     * @return the run's report
     */
    public FitReport fit(TimeSeries series, Training plan) {
        return fit(List.of(checkNotNull(series, "series")), plan);
    }

    /**
     * Trains on several series of the same channels (one per machine, say): the windows of all of them, shuffled
     * together. The first fit fixes the channels and fits their standardisation; a later fit trains on.
     *
     * @param series the training series, the same channels in the same order; together at least one window
     * @param plan how to train; unset options take the detector's defaults
     * @return the run's report
     * @throws IllegalArgumentException if the channels differ from each other or from the detector's
     */
    public synchronized FitReport fit(List<TimeSeries> series, Training plan) {
        checkNotNull(series, "series");
        checkNotNull(plan, "plan");
        checkArgument(!series.isEmpty(), "no series to train on");
        List<String> channels = series.get(0).channels();
        for (int i = 0; i < series.size(); i++) {
            checkArgument(series.get(i).channels().equals(channels), "series %s has channels %s, series 0 has %s",
                    i, series.get(i).channels(), channels);
        }
        checkArgument(vae == null || channels.equals(layout.channels()), "the series have channels %s, the "
                + "detector %s", channels, layout == null ? null : layout.channels());
        WindowLayout l = vae != null ? layout : new WindowLayout(settings.window, channels);
        long seed = settings.seed ^ (vae == null ? 0 : vae.epochsCompleted()) * 0x9e3779b97f4a7c15L;
        WindowSource windows = new WindowSource(l, series, settings.missingRate, seed); // checks before any change
        Scaling scaling = vae == null || vae.scaling() == null ? ChannelScaling.fit(l, series) : vae.scaling();
        if (vae == null) {
            layout = l;
            vae = settings.model(l.schema());
        }
        for (TimeSeries s : series) {
            if (s.stepMillis() > 0) {
                stepMillis = s.stepMillis();
            }
        }
        return vae.fit(TableSource.of(l.schema(), windows, scaling), plan);
    }

    /**
     * Scores every point: -log p(point | the window that ends at it), nats, higher is more unusual, summed over the
     * point's channels that are present (a point with every channel missing scores 0). Each point's score depends
     * only on its window, so a slice scores its points as the whole series does once the slice holds their windows.
     *
     * @param series a series of the detector's channels
     * @return one score per point
     * @throws IllegalStateException if the detector is not trained
     * @throws IllegalArgumentException if the series' channels are not the detector's
     */
    public double[] scores(TimeSeries series) {
        requireChannels(series, "scores");
        WindowScorer scorer = new WindowScorer(vae, layout);
        float[] raw = new float[layout.size()];
        double[] out = new double[series.length()];
        for (int t = 0; t < out.length; t++) {
            layout.window(series.values(), t, raw);
            out[t] = scorer.score(raw, null);
        }
        return out;
    }

    /**
     * Explains one point's score: each channel's -log p given the window, nats, largest first, and the window's KL
     * divergence from the prior.
     *
     * @param series a series of the detector's channels
     * @param point the point
     * @return the explanation: its {@code row} is the point, its columns the channels
     */
    public Explanation explain(TimeSeries series, int point) {
        requireChannels(series, "explain");
        checkArgument(point >= 0 && point < series.length(), "point %s is outside the series of %s points", point,
                series.length());
        WindowScorer scorer = new WindowScorer(vae, layout);
        float[] raw = new float[layout.size()];
        double[] nats = new double[layout.width()];
        layout.window(series.values(), point, raw);
        scorer.score(raw, nats);
        return Explanation.of(point, layout.channels(), nats, scorer.latentNats());
    }

    /**
     * Fills the missing values: each from the decoder's mean for the window that ends at its point.
     *
     * @param series a series of the detector's channels
     * @return a copy with every missing value filled, present values unchanged
     */
    public TimeSeries impute(TimeSeries series) {
        requireChannels(series, "impute");
        WindowScorer scorer = new WindowScorer(vae, layout);
        float[] values = series.values();
        float[] filled = values.clone();
        float[] raw = new float[layout.size()];
        float[] mean = new float[layout.size()];
        int width = layout.width();
        for (int t = 0; t < series.length(); t++) {
            boolean missing = false;
            for (int c = 0; c < width && !missing; c++) {
                missing = Float.isNaN(values[t * width + c]);
            }
            if (missing) {
                layout.window(values, t, raw);
                scorer.reconstruct(raw, mean);
                for (int c = 0; c < width; c++) {
                    if (Float.isNaN(values[t * width + c])) {
                        filled[t * width + c] = mean[layout.newest() + c];
                    }
                }
            }
        }
        return series.withValues(filled);
    }

    /**
     * A streaming scorer: points one at a time, each scored at once as {@link #scores} would in the whole series.
     * Timestamped points need the sampling step, known when the training series had timestamps; else use
     * {@link #scorer(Duration)}.
     *
     * @return a new scorer, at the start of a series
     */
    public SeriesScorer scorer() {
        requireModel("scorer");
        return new SeriesScorer(new WindowScorer(vae, layout), layout, stepMillis);
    }

    /**
     * A streaming scorer whose timestamped points are a {@code step} apart; a longer gap counts as missing points.
     *
     * @param step the sampling step, positive
     * @return a new scorer, at the start of a series
     */
    public SeriesScorer scorer(Duration step) {
        checkNotNull(step, "step");
        checkArgument(!step.isNegative() && !step.isZero() && step.toMillis() > 0, "the step must be at least 1 ms, "
                + "got %s", step);
        requireModel("scorer");
        return new SeriesScorer(new WindowScorer(vae, layout), layout, step.toMillis());
    }

    /** @return points in a window */
    public int window() {
        return settings.window;
    }

    /** @return the channels, in order; empty before the first fit */
    public List<String> channels() {
        return layout == null ? List.of() : layout.channels();
    }

    /** @return the model of the windows, for what the detector does not offer; null before the first fit */
    public Vae model() {
        return vae;
    }

    /**
     * Saves the detector: the model file of its window model ({@code Vae.save}: atomic, checksummed, versioned).
     *
     * @param path the file
     * @throws IOException if it cannot be written
     * @throws IllegalStateException if the detector is not trained
     */
    public void save(Path path) throws IOException {
        requireModel("save").save(path);
    }

    /**
     * Loads a detector saved by {@link #save}.
     *
     * @param path the file
     * @return the detector
     * @throws IOException if the file cannot be read or is not a model file
     * @throws IllegalArgumentException if the model is not a detector's
     */
    public static SeriesDetector load(Path path) throws IOException {
        return of(Vae.load(path));
    }

    /**
     * Loads a detector saved by {@link #save} onto a device.
     *
     * @param path the file
     * @param device where to compute
     * @return the detector
     * @throws IOException if the file cannot be read or is not a model file
     */
    public static SeriesDetector load(Path path, Device device) throws IOException {
        return of(Vae.load(path, device));
    }

    private static SeriesDetector of(Vae vae) {
        try {
            checkArgument(vae.schema() != null, "the model has no schema: it is not a SeriesDetector's");
            return new SeriesDetector(vae, WindowLayout.of(vae.schema()));
        } catch (RuntimeException e) {
            vae.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (vae != null) {
            vae.close();
        }
    }

    @Override
    public String toString() {
        return "SeriesDetector[window " + settings.window + (layout == null ? ", untrained" : ", " + layout.width()
                + " channels") + "]";
    }

    private Vae requireModel(String call) {
        if (vae == null || vae.epochsCompleted() == 0 && vae.scaling() == null) {
            throw new IllegalStateException(call + " needs a trained detector: fit(series) first");
        }
        return vae;
    }

    private void requireChannels(TimeSeries series, String call) {
        checkNotNull(series, "series");
        requireModel(call);
        checkArgument(series.channels().equals(layout.channels()), "the series has channels %s, the detector %s; "
                + "read it with TimeSeries.readCsv(path, detector.channels())", series.channels(), layout.channels());
    }

    /** The detector's settings: the window, the model's sizes, seed and device, and the training defaults. */
    public static final class Builder {
        private int window = DEFAULT_WINDOW;
        private int latent = 8;
        private int[] hidden = {256, 128};
        private long seed = 42;
        private Device device = Device.AUTO;
        private double missingRate = DEFAULT_MISSING_RATE;
        private Integer epochs;
        private Integer batchSize;
        private Double learningRate;
        private Double beta;

        private Builder() {
        }

        /**
         * @param points points in a window, at least 1; a point is scored given the {@code points - 1} before it
         * @return this builder
         */
        public Builder window(int points) {
            checkArgument(points >= 1, "a window must hold at least 1 point, got %s", points);
            this.window = points;
            return this;
        }

        /**
         * @param size latent dimensions, at least 1
         * @return this builder
         */
        public Builder latent(int size) {
            checkArgument(size >= 1, "latent size must be at least 1, got %s", size);
            this.latent = size;
            return this;
        }

        /**
         * @param sizes widths of the encoder's hidden layers, input side first (the decoder's reversed)
         * @return this builder
         */
        public Builder hidden(int... sizes) {
            checkNotNull(sizes, "sizes");
            for (int s : sizes) {
                checkArgument(s >= 1, "hidden sizes must be at least 1, got %s", Arrays.toString(sizes));
            }
            this.hidden = sizes.clone();
            return this;
        }

        /**
         * @param value the seed of the initial parameters, the training order, the injected gaps and the noise
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param value where the model computes ({@code Vae.Builder.device})
         * @return this builder
         */
        public Builder device(Device value) {
            this.device = checkNotNull(value, "device");
            return this;
        }

        /**
         * @param rate the fraction of points training sets missing, in [0, 0.5]; 0 turns the injection off
         * @return this builder
         */
        public Builder missingRate(double rate) {
            checkArgument(rate >= 0 && rate <= 0.5, "the missing rate must be in [0, 0.5], got %s", rate);
            this.missingRate = rate;
            return this;
        }

        /**
         * @param count epochs a fit trains for unless its plan says; by default as many as make 2,000 steps, at least
         *     10
         * @return this builder
         */
        public Builder epochs(int count) {
            checkArgument(count >= 1, "epochs must be at least 1, got %s", count);
            this.epochs = count;
            return this;
        }

        /**
         * @param size windows per training step, at least 1 (default 100)
         * @return this builder
         */
        public Builder batchSize(int size) {
            checkArgument(size >= 1, "batch size must be at least 1, got %s", size);
            this.batchSize = size;
            return this;
        }

        /**
         * @param rate Adam's learning rate, positive (default 1e-3)
         * @return this builder
         */
        public Builder learningRate(double rate) {
            checkArgument(rate > 0 && Double.isFinite(rate), "learning rate must be positive, got %s", rate);
            this.learningRate = rate;
            return this;
        }

        /**
         * @param weight the KL term's weight, at least 0 (default 1)
         * @return this builder
         */
        public Builder beta(double weight) {
            checkArgument(weight >= 0 && Double.isFinite(weight), "beta must be at least 0, got %s", weight);
            this.beta = weight;
            return this;
        }

        /** @return an untrained detector; its model is made at the first fit, when the channels are known */
        public SeriesDetector build() {
            return new SeriesDetector(copy());
        }

        /** A copy, so that the builder can change on without changing the detectors it built. */
        private Builder copy() {
            Builder b = new Builder();
            b.window = window;
            b.latent = latent;
            b.hidden = hidden.clone();
            b.seed = seed;
            b.device = device;
            b.missingRate = missingRate;
            b.epochs = epochs;
            b.batchSize = batchSize;
            b.learningRate = learningRate;
            b.beta = beta;
            return b;
        }

        Vae model(Schema schema) {
            Vae.Builder b = Vae.builder().schema(schema).latent(latent).hidden(hidden).seed(seed).device(device);
            if (epochs != null) {
                b.epochs(epochs);
            }
            if (batchSize != null) {
                b.batchSize(batchSize);
            }
            if (learningRate != null) {
                b.learningRate(learningRate);
            }
            if (beta != null) {
                b.beta(beta);
            }
            return b.build();
        }
    }
}
