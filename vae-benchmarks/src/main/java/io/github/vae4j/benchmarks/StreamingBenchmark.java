package io.github.vae4j.benchmarks;

import io.github.vae4j.Training;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.series.SeriesDetector;
import io.github.vae4j.series.SeriesScorer;
import io.github.vae4j.series.TimeSeries;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The series detector's speeds and memory at a window of {@value #WINDOW} points of {@value #CHANNELS} channels (the
 * ASD servers' width), on a synthetic series of daily waves with noise: training windows per second, batch scoring and
 * streaming points per second, and the heap in use after a garbage collection as a stream grows to
 * {@code rounds x }{@value #BLOCK} points (flat: the scorer holds one window).
 */
public final class StreamingBenchmark {

    private static final int WINDOW = 100;
    private static final int CHANNELS = 19;
    private static final int BLOCK = 10_000;
    private static final int TRAIN = 8_640;

    private StreamingBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see {@link BenchmarkMain}
     */
    public static void main(String[] args) {
        BenchmarkMain.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return BenchmarkMain.run("StreamingBenchmark", "Times a series detector's training, batch scoring and "
                + "streaming, and the heap as a stream grows (a round is " + BLOCK + " points).", 20, args, out, err,
                StreamingBenchmark::measure);
    }

    private static void measure(int rounds, PrintStream out) {
        Nd4jRuntime.init();
        TimeSeries train = waves(TRAIN, new Random(1));
        TimeSeries stream = waves(BLOCK, new Random(2));
        try (SeriesDetector detector = SeriesDetector.builder().window(WINDOW).seed(1).build()) {
            long t0 = System.nanoTime();
            detector.fit(train, Training.builder().epochs(2).build());
            double trainRate = 2.0 * (TRAIN - WINDOW + 1) / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            detector.scores(stream);
            double batchRate = BLOCK / ((System.nanoTime() - t0) / 1e9);
            SeriesScorer live = detector.scorer();
            List<Long> blocks = new ArrayList<>();
            out.printf(Locale.ROOT, "series detector, window %d, %d channels, hidden 256 and 128, latent 8:%n",
                    WINDOW, CHANNELS);
            out.printf(Locale.ROOT, "  training:         %8.0f windows/s%n", trainRate);
            out.printf(Locale.ROOT, "  batch scoring:    %8.0f points/s%n", batchRate);
            for (int r = 0; r < rounds; r++) {
                long s = System.nanoTime();
                for (int t = 0; t < BLOCK; t++) {
                    live.score(stream.point(t));
                }
                blocks.add(System.nanoTime() - s);
                if (r == 0 || r == rounds - 1 || Integer.bitCount(r + 1) == 1) {
                    out.printf(Locale.ROOT, "  after %9d points streamed: heap in use %6.1f MB%n", live.points(),
                            heapInUse() / 1e6);
                }
            }
            out.printf(Locale.ROOT, "  streaming:        median %8.0f points/s%n",
                    BLOCK / (BenchmarkArrays.median(blocks) / 1e9));
        }
    }

    private static long heapInUse() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Daily waves of 288 points, each channel its own phase and amplitude, with Gaussian noise. */
    static TimeSeries waves(int n, Random random) {
        double[][] points = new double[n][CHANNELS];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < CHANNELS; c++) {
                points[t][c] = 0.5 + 0.3 * Math.sin(2 * Math.PI * t / 288 + c) * (1 + c % 3) / 3
                        + 0.02 * random.nextGaussian();
            }
        }
        return TimeSeries.of(points);
    }
}
